package io.cairn.kube.restore.sanitize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.restore.ResourceType;
import java.util.List;

/**
 * Jobs: drops the controller-uid labels the Job controller generated (on the Job, its pod template and its
 * selector); a generated selector left with nothing else is dropped, so the controller generates a new one.
 */
public final class JobSanitizer implements ObjectSanitizer {
    static final List<String> CONTROLLER_UID_LABELS = List.of("batch.kubernetes.io/controller-uid", "controller-uid");

    @Override
    public void sanitize(ObjectNode object, ResourceType type, SanitizeContext context) {
        if (!type.equals(ResourceType.JOBS)) {
            return;
        }
        removeLabels(JsonTree.object(object, "metadata", "labels"));
        removeLabels(JsonTree.object(object, "spec", "template", "metadata", "labels"));
        ObjectNode selector = JsonTree.object(object, "spec", "selector");
        if (selector != null) {
            ObjectNode matchLabels = JsonTree.object(selector, "matchLabels");
            removeLabels(matchLabels);
            if (matchLabels != null && matchLabels.isEmpty()) {
                selector.remove("matchLabels");
            }
            JsonNode expressions = selector.get("matchExpressions");
            if (selector.isEmpty() || expressions != null && expressions.isEmpty() && selector.size() == 1) {
                JsonTree.remove(object.get("spec"), "selector");
            }
        }
    }

    private static void removeLabels(ObjectNode labels) {
        if (labels != null) {
            labels.remove(CONTROLLER_UID_LABELS);
        }
    }
}
