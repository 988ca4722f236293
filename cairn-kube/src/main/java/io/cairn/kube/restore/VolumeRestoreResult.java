package io.cairn.kube.restore;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How one PVC was filled from the backup, as the restore report records it. {@code error} null when it worked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumeRestoreResult(String namespace, String pvc, String tree, long files, long bytes,
                                  long durationMillis, String error) {
    public boolean failed() {
        return error != null;
    }
}
