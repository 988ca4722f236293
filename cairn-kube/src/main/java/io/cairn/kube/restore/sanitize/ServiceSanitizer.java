package io.cairn.kube.restore.sanitize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.restore.ResourceType;
import java.util.HashSet;
import java.util.Set;

/**
 * Services: drops clusterIP/clusterIPs (the target cluster assigns new ones; "None" stays, it makes a
 * headless Service) and, unless {@code --preserve-nodeports}, the nodePorts the cluster assigned. A nodePort
 * that the user set explicitly — it appears in {@code kubectl.kubernetes.io/last-applied-configuration} —
 * is kept, as Velero does.
 */
public final class ServiceSanitizer implements ObjectSanitizer {
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void sanitize(ObjectNode object, ResourceType type, SanitizeContext context) {
        ObjectNode spec = JsonTree.object(object, "spec");
        if (!type.equals(ResourceType.SERVICES) || spec == null) {
            return;
        }
        if (!"None".equals(JsonTree.text(spec, "clusterIP"))) {
            spec.remove("clusterIP");
            spec.remove("clusterIPs");
        }
        if (context.request().preserveNodePorts()) {
            return;
        }
        Set<Integer> explicit = explicitNodePorts(object);
        JsonNode ports = spec.get("ports");
        if (ports != null && ports.isArray()) {
            for (JsonNode port : ports) {
                if (port instanceof ObjectNode p && p.has("nodePort") && !explicit.contains(p.get("nodePort").asInt())) {
                    p.remove("nodePort");
                }
            }
        }
        if (spec.has("healthCheckNodePort") && !explicit.contains(spec.get("healthCheckNodePort").asInt())) {
            spec.remove("healthCheckNodePort");
        }
    }

    private static Set<Integer> explicitNodePorts(ObjectNode object) {
        Set<Integer> out = new HashSet<>();
        String lastApplied = JsonTree.text(object, "metadata", "annotations", LAST_APPLIED);
        if (lastApplied == null) {
            return out;
        }
        try {
            JsonNode applied = MAPPER.readTree(lastApplied);
            JsonNode ports = applied.path("spec").path("ports");
            for (JsonNode port : ports) {
                if (port.has("nodePort")) {
                    out.add(port.get("nodePort").asInt());
                }
            }
            if (applied.path("spec").has("healthCheckNodePort")) {
                out.add(applied.path("spec").get("healthCheckNodePort").asInt());
            }
        } catch (JsonProcessingException e) {
            // a broken annotation says nothing explicit: treat every nodePort as assigned
        }
        return out;
    }
}
