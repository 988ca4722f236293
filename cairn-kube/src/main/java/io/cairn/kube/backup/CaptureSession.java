package io.cairn.kube.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.archive.BackupLayout;
import io.cairn.kube.archive.ObjectArchiveWriter;
import io.cairn.kube.discovery.ApiResourceType;
import io.cairn.kube.selection.BackupRequest;
import io.cairn.kube.selection.LabelSelector;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The state of one backup run shared by its capture threads: the archive (null in a dry run), the objects
 * captured so far (metadata only, spooled to temporary files: {@link ManifestSpool}), the problems, and the cluster references for include-cluster-resources=auto.
 */
final class CaptureSession implements java.io.Closeable {
    private final ObjectArchiveWriter writer;
    private final BackupListener listener;
    private final Set<String> captured = ConcurrentHashMap.newKeySet();
    private final ManifestSpool items = new ManifestSpool();
    private final ConcurrentLinkedQueue<ItemProblem> warnings = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ItemProblem> errors = new ConcurrentLinkedQueue<>();
    final ClusterReferences references = new ClusterReferences();

    CaptureSession(ObjectArchiveWriter writer, BackupListener listener) {
        this.writer = writer;
        this.listener = listener;
    }

    boolean dryRun() {
        return writer == null;
    }

    /**
     * Stores one object as the API returned it (unless it carries the exclude label or was stored already).
     * An object that cannot be serialised is an error for that item only; a failing repository is fatal.
     *
     * @return true when stored now
     */
    boolean capture(ApiResourceType type, ObjectNode object, List<String> reasons) throws IOException {
        JsonNode meta = object.path("metadata");
        if (isExcluded(meta)) {
            return false;
        }
        String ns = type.namespaced() ? meta.path("namespace").asText(null) : null;
        String name = meta.path("name").asText("");
        if (!captured.add(type.qualifiedResource() + "/" + ns + "/" + name)) {
            return false;
        }
        List<String> path = BackupLayout.resourcePath(ns, type.group(), type.resource(), name);
        if (writer != null) {
            byte[] json;
            try {
                json = CollectionLister.MAPPER.writeValueAsBytes(object);
            } catch (IOException e) {
                error(new ItemProblem(ns, type.qualifiedResource(), name, "cannot serialise: " + e.getMessage(), true));
                return false;
            }
            writer.add(path, json);
        }
        references.collect(type, object);
        ManifestItem item = new ManifestItem(ns, type.group(), type.version(), type.kind(), type.resource(), name,
                String.join("/", path), reasons);
        items.add(item);
        listener.objectCaptured(item);
        return true;
    }

    /** Records a planned object without reading it (dry run of an app closure). */
    void plan(ApiResourceType type, String ns, String name, List<String> reasons) throws IOException {
        String namespace = type.namespaced() ? ns : null;
        if (!captured.add(type.qualifiedResource() + "/" + namespace + "/" + name)) {
            return;
        }
        List<String> path = BackupLayout.resourcePath(namespace, type.group(), type.resource(), name);
        ManifestItem item = new ManifestItem(namespace, type.group(), type.version(), type.kind(), type.resource(),
                name, String.join("/", path), reasons);
        items.add(item);
        listener.objectCaptured(item);
    }

    static boolean isExcluded(JsonNode meta) {
        return "true".equals(meta.path("labels").path(BackupRequest.EXCLUDE_LABEL).asText(null));
    }

    static boolean matchesAny(List<LabelSelector> selectors, JsonNode meta) {
        if (selectors.isEmpty()) {
            return true;
        }
        Map<String, String> labels = LabelSelector.labels(meta);
        return selectors.stream().anyMatch(s -> s.matches(labels));
    }

    void warn(ItemProblem p) {
        warnings.add(p);
        listener.warning(p);
    }

    void error(ItemProblem p) {
        errors.add(p);
        listener.error(p);
    }

    /** Every item, in path order (a dry run's plan: backup runs stream them with {@link #spool()}). */
    List<ManifestItem> items() throws IOException {
        return items.select(i -> true);
    }

    /** The items that match, in path order. */
    List<ManifestItem> items(Predicate<ManifestItem> filter) throws IOException {
        return items.select(filter);
    }

    ManifestSpool spool() {
        return items;
    }

    List<ItemProblem> warnings() {
        return List.copyOf(warnings);
    }

    List<ItemProblem> errors() {
        return List.copyOf(errors);
    }

    Map<String, Long> counts() {
        return items.counts();
    }

    BackupPhase phase() {
        boolean missed = !errors.isEmpty() || warnings.stream().anyMatch(ItemProblem::missed);
        if (!missed) {
            return BackupPhase.COMPLETED;
        }
        return items.size() == 0 ? BackupPhase.FAILED : BackupPhase.PARTIALLY_FAILED;
    }

    /** Deletes the spooled items. */
    @Override
    public void close() throws IOException {
        items.close();
    }
}
