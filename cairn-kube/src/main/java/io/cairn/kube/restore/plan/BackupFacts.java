package io.cairn.kube.restore.plan;

import io.cairn.kube.restore.RestoreRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.kube.archive.ObjectArchiveReader;
import io.cairn.kube.archive.ResourceDirectory;
import io.cairn.kube.restore.ResourceType;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the restore must know about the whole backup before it restores the first object, gathered by
 * reading only CRDs, Services and PVs.
 *
 * @param customTypes                types defined by the backup's CRDs (their CRD is named {@code type.toString()})
 * @param servicesWithSelector       "namespace/name" of Services that have a selector
 * @param restoredPersistentVolumes  names of the PVs this restore's selection takes whose claims keep their
 *                                   namespace; a claim restored into a mapped namespace is re-bound
 *                                   dynamically, since its old PV may still be bound to the original claim
 */
public record BackupFacts(Set<ResourceType> customTypes, Set<String> servicesWithSelector,
                          Set<String> restoredPersistentVolumes) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static BackupFacts scan(ObjectArchiveReader reader, List<ResourceDirectory> dirs, Selection selection,
                                   RestoreRequest request) throws IOException {
        Set<ResourceType> custom = new HashSet<>();
        Set<String> services = new HashSet<>();
        Set<String> pvs = new HashSet<>();
        for (ResourceDirectory dir : dirs) {
            ResourceType type = new ResourceType(dir.group(), dir.resource());
            if (type.equals(ResourceType.CUSTOM_RESOURCE_DEFINITIONS)) {
                reader.forEachObject(dir, o -> {
                    JsonNode spec = read(o.json()).path("spec");
                    custom.add(new ResourceType(spec.path("group").asText(), spec.path("names").path("plural").asText("?")));
                });
            } else if (type.equals(ResourceType.SERVICES)) {
                reader.forEachObject(dir, o -> {
                    if (!read(o.json()).path("spec").path("selector").isEmpty()) {
                        services.add(o.namespace() + "/" + o.name());
                    }
                });
            } else if (type.equals(ResourceType.PERSISTENT_VOLUMES)) {
                reader.forEachObject(dir, o -> {
                    JsonNode pv = read(o.json());
                    String claimNamespace = pv.path("spec").path("claimRef").path("namespace").asText(null);
                    boolean claimMoves = claimNamespace != null
                            && !claimNamespace.equals(request.targetNamespace(claimNamespace));
                    if (selection.includes(type, null, pv) && !claimMoves) {
                        pvs.add(o.name());
                    }
                });
            }
        }
        return new BackupFacts(Set.copyOf(custom), Set.copyOf(services), Set.copyOf(pvs));
    }

    private static JsonNode read(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            return MAPPER.createObjectNode(); // an unreadable object fails later, with its own result
        }
    }
}
