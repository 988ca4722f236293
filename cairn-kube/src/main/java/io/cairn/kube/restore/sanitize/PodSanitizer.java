package io.cairn.kube.restore.sanitize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.restore.ResourceType;

/** Pods: drops spec.nodeName so the scheduler places the pod in the target cluster. */
public final class PodSanitizer implements ObjectSanitizer {
    @Override
    public void sanitize(ObjectNode object, ResourceType type, SanitizeContext context) {
        ObjectNode spec = JsonTree.object(object, "spec");
        if (type.equals(ResourceType.PODS) && spec != null) {
            spec.remove("nodeName");
        }
    }
}
