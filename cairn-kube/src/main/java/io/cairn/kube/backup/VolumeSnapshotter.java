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
}
