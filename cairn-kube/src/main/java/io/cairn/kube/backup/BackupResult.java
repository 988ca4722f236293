package io.cairn.kube.backup;

import io.cairn.kube.archive.BackupLayout;
import io.cairn.repository.Id;
import io.cairn.repository.snapshot.Snapshot;
import java.util.List;

/**
 * A finished backup: its tree, its manifest without the item list (backup.json in the tree has it:
 * {@link BackupManifest#load}), and the snapshot that references them (null until saved).
 * Before a snapshot is saved the blob store is flushed, so it never points at data that is not durable.
 */
public record BackupResult(Id tree, BackupManifest manifest, Id snapshot) {

    public BackupResult withSnapshot(Id id) {
        return new BackupResult(tree, manifest, id);
    }

    /** The snapshot for this backup: tagged {@code cairn} and {@code backup=<name>}, hostname = cluster name. */
    public Snapshot toSnapshot(String clusterName, String username) {
        return new Snapshot(manifest.startTime(), null, tree, List.of("/"), clusterName, username, 0, 0, null,
                List.of(BackupLayout.TAG, BackupLayout.backupTag(manifest.name())), null, null);
    }
}
