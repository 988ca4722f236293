package io.cairn.kube.restore.sanitize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.restore.ResourceType;
import io.cairn.kube.restore.RestoreRequest;

/**
 * Applies {@code --storage-class-mapping}: PVC and PV spec.storageClassName (and the legacy
 * {@code volume.beta.kubernetes.io/storage-class} annotation), StorageClass objects' names.
 */
public final class StorageClassMappingSanitizer implements ObjectSanitizer {
    static final String LEGACY_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

    @Override
    public void sanitize(ObjectNode object, ResourceType type, SanitizeContext context) {
        RestoreRequest request = context.request();
        if (request.storageClassMapping().isEmpty()) {
            return;
        }
        if (type.equals(ResourceType.STORAGE_CLASSES)) {
            map(JsonTree.object(object, "metadata"), "name", request);
        } else if (type.equals(ResourceType.PERSISTENT_VOLUME_CLAIMS) || type.equals(ResourceType.PERSISTENT_VOLUMES)) {
            map(JsonTree.object(object, "spec"), "storageClassName", request);
            map(JsonTree.object(object, "metadata", "annotations"), LEGACY_ANNOTATION, request);
        }
    }

    private static void map(ObjectNode node, String field, RestoreRequest request) {
        JsonNode value = node == null ? null : node.get(field);
        if (value != null && value.isTextual()) {
            node.put(field, request.targetStorageClass(value.asText()));
        }
    }
}
