package io.cairn.kube.restore.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.kube.restore.ResourceType;
import java.util.Optional;
import java.util.Set;

/**
 * Objects a restore leaves out because the cluster re-creates them: pods of ReplicaSets, StatefulSets,
 * DaemonSets and Jobs; ReplicaSets of Deployments; Jobs of CronJobs; service-account token Secrets; the
 * {@code kube-root-ca.crt} ConfigMap; Endpoints and EndpointSlices of Services with a selector; events.
 */
public final class SkipRules {
    private static final Set<String> POD_CONTROLLERS = Set.of("ReplicaSet", "StatefulSet", "DaemonSet", "Job");
    private static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private SkipRules() {
    }

    /**
     * Why the object is not restored, or empty when it is.
     *
     * @param namespace          the object's namespace in the backup (null for cluster-scoped)
     * @param servicesWithSelector "namespace/name" of the backup's Services that have a selector
     */
    public static Optional<String> skipReason(ResourceType type, String namespace, JsonNode object,
                                              Set<String> servicesWithSelector) {
        if (type.equals(ResourceType.PODS)) {
            return ownedBy(object, POD_CONTROLLERS);
        }
        if (type.equals(ResourceType.REPLICA_SETS)) {
            return ownedBy(object, Set.of("Deployment"));
        }
        if (type.equals(ResourceType.JOBS)) {
            return ownedBy(object, Set.of("CronJob"));
        }
        if (type.equals(ResourceType.SECRETS) && "kubernetes.io/service-account-token".equals(object.path("type").asText())) {
            return Optional.of("service-account token secret; the token controller re-creates it");
        }
        if (type.equals(ResourceType.CONFIG_MAPS) && "kube-root-ca.crt".equals(object.path("metadata").path("name").asText())) {
            return Optional.of("kube-root-ca.crt is published into every namespace by the cluster");
        }
        if (type.equals(ResourceType.EVENTS) || type.equals(ResourceType.EVENTS_V1)) {
            return Optional.of("events are not restored");
        }
        String service = type.equals(ResourceType.ENDPOINTS) ? object.path("metadata").path("name").asText()
                : type.equals(ResourceType.ENDPOINT_SLICES)
                ? object.path("metadata").path("labels").path(SERVICE_NAME_LABEL).asText(null) : null;
        if (service != null && servicesWithSelector.contains(namespace + "/" + service)) {
            return Optional.of("endpoints of Service " + service + ", which has a selector; the endpoints controller re-creates them");
        }
        return Optional.empty();
    }

    private static Optional<String> ownedBy(JsonNode object, Set<String> controllerKinds) {
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            String kind = ref.path("kind").asText();
            if (controllerKinds.contains(kind)) {
                return Optional.of("owned by " + kind + " " + ref.path("name").asText() + ", which re-creates it");
            }
        }
        return Optional.empty();
    }
}
