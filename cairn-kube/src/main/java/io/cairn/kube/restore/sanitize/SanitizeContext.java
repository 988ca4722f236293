package io.cairn.kube.restore.sanitize;

import io.cairn.kube.restore.RestoreRequest;
import java.util.Set;

/**
 * What sanitising needs beyond the object itself.
 *
 * @param request                    mappings, restoreStatus, preserveNodePorts, names for the labels
 * @param restoredPersistentVolumes  names of the PVs this restore brings back (their claims keep volumeName)
 */
public record SanitizeContext(RestoreRequest request, Set<String> restoredPersistentVolumes) {
    public SanitizeContext {
        restoredPersistentVolumes = Set.copyOf(restoredPersistentVolumes);
    }
}
