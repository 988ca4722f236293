package io.cairn.kube.backup;

import io.cairn.kube.selection.BackupRequest;
import io.cairn.repository.Json;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * backup.json: what was asked, from which cluster, when, every object captured (and why), every problem,
 * counts per resource type. Written last into the backup's tree; read back by list/describe.
 */
public record BackupManifest(int formatVersion, String name, String cairnVersion, BackupRequest request,
                             ClusterInfo cluster, OffsetDateTime startTime, OffsetDateTime endTime, BackupPhase phase,
                             Map<String, Long> counts, List<ManifestItem> items, List<ItemProblem> warnings,
                             List<ItemProblem> errors) {
    public static final int FORMAT_VERSION = 1;

    public BackupManifest {
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        items = items == null ? List.of() : List.copyOf(items);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public byte[] toBytes() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static BackupManifest parse(byte[] json) throws IOException {
        return Json.MAPPER.readValue(json, BackupManifest.class);
    }

    /** Total number of objects captured. */
    public int objectCount() {
        return items.size();
    }
}
