package io.cairn.kube.restore;

import io.cairn.kube.archive.BackupLayout;
import io.cairn.kube.archive.ObjectArchiveReader;
import io.cairn.kube.archive.ObjectArchiveWriter;
import io.cairn.repository.Id;
import io.cairn.repository.Json;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.Repository;
import io.cairn.repository.snapshot.Snapshot;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Restore reports live in the repository beside the backups, each as a small snapshot tagged {@code cairn}
 * and {@code restore=<name>} whose tree holds {@code /restore.json}: results per object can be far larger
 * than a custom resource's status may be.
 */
public final class RestoreReportStore {
    public static final String REPORT_FILE = "restore.json";

    private final Repository repository;

    public RestoreReportStore(Repository repository) {
        this.repository = repository;
    }

    public static String restoreTag(String name) {
        return "restore=" + name;
    }

    /** Saves the report durably and returns the snapshot ID. */
    public Id save(RestoreReport report, String clusterName, String username) throws IOException {
        OffsetDateTime started = report.startedAt().atOffset(ZoneOffset.UTC);
        ObjectArchiveWriter writer = new ObjectArchiveWriter(repository.blobs(), started);
        writer.add(List.of(REPORT_FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        Id tree = writer.finish();
        repository.blobs().flush();
        return repository.saveSnapshot(new Snapshot(started, null, tree, List.of("/"), clusterName, username, 0, 0,
                null, List.of(BackupLayout.TAG, restoreTag(report.name())), null, null));
    }

    public boolean exists(String name) throws IOException {
        return repository.listSnapshots().stream().anyMatch(s -> s.hasTag(BackupLayout.TAG) && s.hasTag(restoreTag(name)));
    }

    /** The newest report saved under this name. */
    public RestoreReport load(String name) throws IOException {
        Snapshot snapshot;
        try {
            snapshot = repository.findLatest(s -> s.hasTag(BackupLayout.TAG) && s.hasTag(restoreTag(name)));
        } catch (NotFoundException e) {
            throw new NotFoundException("no restore named '" + name + "' in " + repository.backend().location());
        }
        repository.blobs().loadIndex();
        byte[] json = new ObjectArchiveReader(repository.blobs(), snapshot.tree()).topLevelFile(REPORT_FILE);
        return Json.MAPPER.readValue(json, RestoreReport.class);
    }
}
