package io.cairn.kube.restore.plan;

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
 * @param restoredPersistentVolumes  names of the PVs this restore's selection takes
 */
public record BackupFacts(Set<ResourceType> customTypes, Set<String> servicesWithSelector,
                          Set<String> restoredPersistentVolumes) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static BackupFacts scan(ObjectArchiveReader reader, List<ResourceDirectory> dirs, Selection selection)
            throws IOException {
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
                    if (selection.includes(type, null, read(o.json()))) {
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
