package io.cairn.kube.backup;

import java.util.List;

/**
 * Takes the snapshots of an application's volumes; the only step that runs inside the freeze window of the rules
 * engine. The volume issue implements it with CSI VolumeSnapshots; until then backups use {@link #NONE}.
 */
@FunctionalInterface
public interface VolumeSnapshotter {
    /** Takes no snapshot (the objects-only backup of today). */
    VolumeSnapshotter NONE = (backup, claims) -> {
    };

    /**
     * Snapshots the volumes of {@code claims} (the PersistentVolumeClaims the backup captured). Should return as
     * soon as the snapshots are cut: the data upload happens after the pods are released.
     */
    void snapshot(String backup, List<ManifestItem> claims) throws Exception;

    /**
     * After the freeze window (always called, also when {@link #snapshot} was not): moves the data of the snapshots
     * taken, links each volume's subtree into the backup with {@code writer.addSubtree}, deletes what it created
     * and returns one record per volume. Volume data must be durable before this returns.
     */
    default List<VolumeRecord> transfer(String backup, io.cairn.kube.archive.ObjectArchiveWriter writer)
            throws java.io.IOException, InterruptedException {
        return List.of();
    }
}
