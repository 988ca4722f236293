package io.cairn.kube.restore.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.kube.restore.ResourceType;
import io.cairn.kube.restore.filter.ObjectFilter;
import io.cairn.kube.selection.LabelSelector;

/**
 * Applies a restore's {@link ObjectFilter} to stored objects. Namespaced objects are filtered by their
 * namespace in the backup; Namespace objects by their own name; PVs by the namespace of their claim; other
 * cluster-scoped objects only by resource type and labels.
 */
public record Selection(ObjectFilter filter) {
    public boolean includesType(ResourceType type) {
        return filter.includesResource(type.group(), type.resource());
    }

    /** @param namespace the object's namespace in the backup, null for cluster-scoped */
    public boolean includes(ResourceType type, String namespace, JsonNode object) {
        if (!includesType(type)) {
            return false;
        }
        String scope = namespace;
        if (type.equals(ResourceType.NAMESPACES)) {
            scope = object.path("metadata").path("name").asText();
        } else if (type.equals(ResourceType.PERSISTENT_VOLUMES)) {
            scope = object.path("spec").path("claimRef").path("namespace").asText(null);
        }
        if (scope != null && !filter.includesNamespace(scope)) {
            return false;
        }
        return filter.matchesLabels(LabelSelector.labels(object.path("metadata")));
    }
}
