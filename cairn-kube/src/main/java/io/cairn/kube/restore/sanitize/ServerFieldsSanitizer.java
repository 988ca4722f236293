package io.cairn.kube.restore.sanitize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.restore.ResourceType;
import java.util.List;

/**
 * Drops what the API server assigns and a new object must not carry: uid, resourceVersion, generation,
 * creationTimestamp, deletion fields, managedFields, selfLink, ownerReferences (the owners are not restored
 * with the same uid, and controller-owned objects are skipped), and status unless {@code --restore-status}.
 */
public final class ServerFieldsSanitizer implements ObjectSanitizer {
    private static final List<String> METADATA_FIELDS = List.of("uid", "resourceVersion", "generation",
            "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink",
            "ownerReferences");

    @Override
    public void sanitize(ObjectNode object, ResourceType type, SanitizeContext context) {
        ObjectNode metadata = JsonTree.object(object, "metadata");
        if (metadata != null) {
            metadata.remove(METADATA_FIELDS);
        }
        if (!context.request().restoreStatus()) {
            object.remove("status");
        }
    }
}
