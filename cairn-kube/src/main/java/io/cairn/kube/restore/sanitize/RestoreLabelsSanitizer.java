package io.cairn.kube.restore.sanitize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.restore.ResourceType;

/** Labels every restored object with the backup and restore it came from. */
public final class RestoreLabelsSanitizer implements ObjectSanitizer {
    public static final String BACKUP_LABEL = "cairn.io/backup";
    public static final String RESTORE_LABEL = "cairn.io/restore";

    @Override
    public void sanitize(ObjectNode object, ResourceType type, SanitizeContext context) {
        ObjectNode labels = JsonTree.objectOrCreate(object, "metadata", "labels");
        labels.put(BACKUP_LABEL, context.request().backup());
        labels.put(RESTORE_LABEL, context.request().name());
    }
}
