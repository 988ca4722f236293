package io.cairn.kube.backup;

import io.cairn.repository.Id;
import io.cairn.repository.snapshot.Snapshot;
import java.io.IOException;

/** Saves a snapshot file into the repository and returns its ID (wired by the caller). */
@FunctionalInterface
public interface SnapshotWriter {
    Id save(Snapshot snapshot) throws IOException;
}
