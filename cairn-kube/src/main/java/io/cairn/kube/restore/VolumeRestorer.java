package io.cairn.kube.restore;

import io.cairn.repository.Id;
import java.io.IOException;
import java.util.List;

/**
 * Fills restored PVCs with the data of the backup. Called once per restore, after the PVCs and before the objects
 * that use them (service accounts, secrets, ..., workloads) are created.
 */
@FunctionalInterface
public interface VolumeRestorer {
    /** Restores objects only. */
    VolumeRestorer NONE = (restore, backupTree, claims) -> List.of();

    /** A PVC this restore created: where it was in the backup and where it is now. */
    record RestoredClaim(String sourceNamespace, String namespace, String name) {
    }

    /**
     * Fills each claim that has a /volumes/&lt;sourceNamespace&gt;/&lt;name&gt; subtree in the backup; returns one result per
     * claim filled (or tried). A volume that fails is a result with an error, never an exception.
     */
    List<VolumeRestoreResult> fill(String restore, Id backupTree, List<RestoredClaim> claims)
            throws IOException, InterruptedException;
}
