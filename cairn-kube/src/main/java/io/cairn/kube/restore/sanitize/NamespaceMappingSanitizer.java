package io.cairn.kube.restore.sanitize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.restore.ResourceType;
import io.cairn.kube.restore.RestoreRequest;

/**
 * Applies {@code --namespace-mapping} to every place an object names a namespace: metadata.namespace,
 * Namespace objects' own names, RoleBinding/ClusterRoleBinding subjects, PV claimRef.
 */
public final class NamespaceMappingSanitizer implements ObjectSanitizer {
    @Override
    public void sanitize(ObjectNode object, ResourceType type, SanitizeContext context) {
        RestoreRequest request = context.request();
        ObjectNode metadata = JsonTree.object(object, "metadata");
        if (metadata == null) {
            return;
        }
        mapField(metadata, "namespace", request);
        if (type.equals(ResourceType.NAMESPACES)) {
            mapField(metadata, "name", request);
        }
        if (type.equals(ResourceType.ROLE_BINDINGS) || type.equals(ResourceType.CLUSTER_ROLE_BINDINGS)) {
            JsonNode subjects = object.get("subjects");
            if (subjects != null && subjects.isArray()) {
                for (JsonNode subject : subjects) {
                    if (subject instanceof ObjectNode s) {
                        mapField(s, "namespace", request);
                    }
                }
            }
        }
        if (type.equals(ResourceType.PERSISTENT_VOLUMES)) {
            ObjectNode claimRef = JsonTree.object(object, "spec", "claimRef");
            if (claimRef != null) {
                mapField(claimRef, "namespace", request);
            }
        }
    }

    private static void mapField(ObjectNode node, String field, RestoreRequest request) {
        JsonNode value = node.get(field);
        if (value != null && value.isTextual()) {
            node.put(field, request.targetNamespace(value.asText()));
        }
    }
}
