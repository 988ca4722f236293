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
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
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

    /**
     * Writes this manifest as {@link #toBytes()} would, but with {@code items} taken from the spool, in path order,
     * one at a time: the capture path never holds the whole item list (this manifest's own items are ignored).
     */
    void write(OutputStream out, ManifestSpool spool) throws IOException {
        ObjectNode fields = Json.MAPPER.valueToTree(this);
        try (JsonGenerator gen = Json.MAPPER.getFactory().createGenerator(out)) {
            gen.setPrettyPrinter(new DefaultPrettyPrinter());
            gen.writeStartObject();
            for (Map.Entry<String, JsonNode> f : fields.properties()) {
                if (f.getKey().equals("items")) {
                    gen.writeArrayFieldStart("items");
                    spool.forEachSorted(item -> {
                        try {
                            Json.MAPPER.writeValue(gen, item);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    gen.writeEndArray();
                } else {
                    gen.writeFieldName(f.getKey());
                    Json.MAPPER.writeTree(gen, f.getValue());
                }
            }
            gen.writeEndObject();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
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

    /**
     * Total number of objects captured. The manifest a run returns ({@link BackupResult#manifest()}) has no item
     * list, so this is the sum of the counts per resource type when there are no items.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public int objectCount() {
        return items.isEmpty() ? (int) counts.values().stream().mapToLong(Long::longValue).sum() : items.size();
    }

    /** This manifest without its item list (what a run returns: backup.json in the tree has them all). */
    public BackupManifest withoutItems() {
        return new BackupManifest(formatVersion, name, cairnVersion, request, cluster, startTime, endTime, phase, counts,
                List.of(), warnings, errors, rules, volumes);
    }
}
