package io.cairn.kube.backup;

import io.cairn.kube.archive.ObjectArchiveReader;
import io.cairn.kube.archive.BackupLayout;
import io.cairn.kube.rules.RulesReport;
import io.cairn.kube.selection.BackupRequest;
import io.cairn.repository.BlobLoader;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.Json;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.Tree;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * backup.json: what was asked, from which cluster, when, every object captured (and why), every problem,
 * counts per resource type, and what the rules engine did around the snapshot step ({@code rules}, null when no
 * rule applied), and one record per volume ({@code volumes}). Written last into the backup's tree; read back by list/describe.
 */
public record BackupManifest(int formatVersion, String name, String cairnVersion, BackupRequest request,
                             ClusterInfo cluster, OffsetDateTime startTime, OffsetDateTime endTime, BackupPhase phase,
                             Map<String, Long> counts, List<ManifestItem> items, List<ItemProblem> warnings,
                             List<ItemProblem> errors, RulesReport rules, List<VolumeRecord> volumes) {
    public static final int FORMAT_VERSION = 1;

    /** A manifest without volume records (objects only). */
    public BackupManifest(int formatVersion, String name, String cairnVersion, BackupRequest request,
                          ClusterInfo cluster, OffsetDateTime startTime, OffsetDateTime endTime, BackupPhase phase,
                          Map<String, Long> counts, List<ManifestItem> items, List<ItemProblem> warnings,
                          List<ItemProblem> errors, RulesReport rules) {
        this(formatVersion, name, cairnVersion, request, cluster, startTime, endTime, phase, counts, items, warnings,
                errors, rules, null);
    }

    /** A manifest without a rules section (no rules ran). */
    public BackupManifest(int formatVersion, String name, String cairnVersion, BackupRequest request,
                          ClusterInfo cluster, OffsetDateTime startTime, OffsetDateTime endTime, BackupPhase phase,
                          Map<String, Long> counts, List<ManifestItem> items, List<ItemProblem> warnings,
                          List<ItemProblem> errors) {
        this(formatVersion, name, cairnVersion, request, cluster, startTime, endTime, phase, counts, items, warnings,
                errors, null, null);
    }

    public BackupManifest {
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        items = items == null ? List.of() : List.copyOf(items);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        errors = errors == null ? List.of() : List.copyOf(errors);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
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

    /**
     * Reads backup.json from a backup's root tree (the snapshot's {@code tree}).
     *
     * @throws NotFoundException when the tree has no backup.json (not a Cairn backup)
     */
    public static BackupManifest load(BlobLoader loader, Id tree) throws IOException {
        return parse(new ObjectArchiveReader(loader, tree).manifest());
    }

    /** Total number of objects captured. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public int objectCount() {
        return items.size();
    }
}
