package io.cairn.kube.restore.sanitize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.restore.ResourceType;

/**
 * One concern of turning a stored object into the object to create: a pure function that edits the JSON
 * tree in place. Implementations look only at the object, its type and the context.
 */
@FunctionalInterface
public interface ObjectSanitizer {
    void sanitize(ObjectNode object, ResourceType type, SanitizeContext context);
}
