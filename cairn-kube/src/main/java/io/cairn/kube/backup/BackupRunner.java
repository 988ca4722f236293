package io.cairn.kube.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.kube.api.ApiException;
import io.cairn.kube.api.KubeApi;
import io.cairn.kube.archive.BackupLayout;
import io.cairn.kube.archive.ObjectArchiveWriter;
import io.cairn.kube.discovery.ApiDiscovery;
import io.cairn.kube.discovery.ApiResourceType;
import io.cairn.kube.discovery.DiscoveredTypes;
import io.cairn.kube.rules.PodRef;
import io.cairn.kube.rules.RulesReport;
import io.cairn.kube.rules.RulesRunner;
import io.cairn.kube.selection.BackupRequest;
import io.cairn.kube.selection.ClusterResources;
import io.cairn.kube.selection.ResourceFilter;
import io.cairn.repository.BlobSaver;
import io.cairn.repository.BlobStore;
import io.cairn.repository.Id;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Backs up Kubernetes objects into a repository: discover the served types, select (namespaces or app
 * closures), capture each object as the API returned it into the backup's tree, add cluster-scoped objects,
 * write backup.json. Problems with single objects or types are recorded and the backup goes on; only an
 * unreachable API server or a failing repository stops it (as an {@link IOException}).
 * <pre>
 * BackupRunner runner = new BackupRunner(client, BackupOptions.DEFAULTS, listener);
 * BackupPlan plan = runner.plan(request);                            // --dry-run: reads only
 * BackupResult r = runner.run(request, store, snapshots, "prod-eu");  // flushes, then saves the snapshot
 * </pre>
 */
public final class BackupRunner {
    /** Types that describe nodes or transient state; captured only when --include-resources names them. */
    public static final java.util.Set<String> NOT_BACKED_UP_BY_DEFAULT = java.util.Set.of("nodes", "events",
            "events.events.k8s.io", "componentstatuses", "csinodes.storage.k8s.io", "volumeattachments.storage.k8s.io");

    private final KubernetesClient client;
    private final BackupOptions options;
    private final BackupListener listener;
    private final RulesRunner rules;
    private final VolumeSnapshotter snapshotter;

    public BackupRunner(KubernetesClient client) {
        this(client, BackupOptions.DEFAULTS, BackupListener.NONE);
    }

    public BackupRunner(KubernetesClient client, BackupOptions options, BackupListener listener) {
        this(client, options, listener, null, VolumeSnapshotter.NONE);
    }

    private BackupRunner(KubernetesClient client, BackupOptions options, BackupListener listener, RulesRunner rules,
                         VolumeSnapshotter snapshotter) {
        this.client = client;
        this.options = options;
        this.listener = listener == null ? BackupListener.NONE : listener;
        this.rules = rules;
        this.snapshotter = snapshotter;
    }

    /** Runs these rules (and the captured pods' hook annotations) around the snapshot step. */
    public BackupRunner withRules(RulesRunner value) {
        return new BackupRunner(client, options, listener, value, snapshotter);
    }

    public BackupRunner withVolumeSnapshotter(VolumeSnapshotter value) {
        return new BackupRunner(client, options, listener, rules, value);
    }

    /** Dry run: the objects the request selects, with reasons, and the problems found. Writes nothing. */
    public BackupPlan plan(BackupRequest request) throws IOException {
        try (CaptureSession session = new CaptureSession(null, listener)) {
            execute(request, session);
            return new BackupPlan(request, session.items(), session.warnings(), session.errors());
        }
    }

    /**
     * Captures the request into blobs and returns the tree (with backup.json) and manifest; the caller flushes
     * the store and saves a snapshot ({@link BackupResult#toSnapshot}). The returned manifest has no item list
     * ({@link BackupManifest#withoutItems()}; its counts and objectCount stand for it): the items are spooled to
     * temporary files while capturing and streamed into backup.json, so memory does not grow with the cluster.
     */
    public BackupResult run(BackupRequest request, BlobSaver store) throws IOException {
        OffsetDateTime start = OffsetDateTime.now(options.clock());
        ObjectArchiveWriter writer = new ObjectArchiveWriter(store, start);
        try (CaptureSession session = new CaptureSession(writer, listener)) {
            ClusterInfo cluster = execute(request, session);
            RulesReport rulesReport = snapshotVolumes(request, session);
            List<VolumeRecord> volumes = transferVolumes(request, writer, session);
            BackupPhase phase = rulesReport != null && rulesReport.failed() ? BackupPhase.FAILED : session.phase();
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT_VERSION, request.name(),
                    CairnVersion.get(), request, cluster, start, OffsetDateTime.now(options.clock()), phase,
                    session.counts(), List.of(), session.warnings(), session.errors(), rulesReport, volumes);
            Path json = Files.createTempFile("cairn-backup-", ".json");
            try {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(json))) {
                    manifest.write(out, session.spool());
                }
                try (InputStream in = Files.newInputStream(json)) {
                    writer.add(List.of(BackupLayout.MANIFEST), in);
                }
            } finally {
                Files.deleteIfExists(json);
            }
            return new BackupResult(writer.finish(), manifest, null);
        }
    }

    /** {@link #run(BackupRequest, BlobSaver)}, then flush the store and save the snapshot (hostname = cluster name). */
    public BackupResult run(BackupRequest request, BlobStore store, SnapshotWriter snapshots, String clusterName)
            throws IOException {
        BackupResult result = run(request, store);
        store.flush();
        Id id = snapshots.save(result.toSnapshot(clusterName, System.getProperty("user.name")));
        return result.withSnapshot(id);
    }

    /**
     * The snapshot step, inside the rules' freeze window. Objects were captured before it on purpose: capturing
     * them needs no quiesced application, and doing it inside the window would only lengthen the freeze.
     * Returns null when no rules ran (no --rules and no pod hook annotations).
     */
    private RulesReport snapshotVolumes(BackupRequest request, CaptureSession session) throws IOException {
        List<ManifestItem> claims = session.items(i -> "persistentvolumeclaims".equals(i.resource()));
        RulesRunner runner = rules != null ? rules : RulesRunner.forCluster(client, List.of(), null);
        List<PodRef> pods = session.items(i -> "pods".equals(i.qualifiedResource())).stream()
                .map(i -> new PodRef(i.namespace(), i.name())).toList();
        try {
            RulesReport report = runner.run(request.name(), pods, () -> snapshotter.snapshot(request.name(), claims));
            if (report.pods().isEmpty() && report.warnings().isEmpty() && report.errors().isEmpty()) {
                return null;
            }
            report.warnings().forEach(w -> session.warn(new ItemProblem(null, null, null, "rules: " + w, false)));
            report.errors().forEach(e -> session.error(new ItemProblem(null, null, null, "rules: " + e, true)));
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("backup interrupted", e);
        }
    }

    /** After the freeze window: the volumes' data into the tree; a volume that failed is an error of the backup. */
    private List<VolumeRecord> transferVolumes(BackupRequest request, ObjectArchiveWriter writer, CaptureSession session)
            throws IOException {
        try {
            List<VolumeRecord> volumes = snapshotter.transfer(request.name(), writer);
            for (VolumeRecord v : volumes) {
                if (v.failed()) {
                    session.error(new ItemProblem(v.namespace(), "persistentvolumeclaims", v.pvc(),
                            "volume data (" + v.method() + "): " + v.error(), true));
                }
            }
            return volumes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("backup interrupted", e);
        }
    }

    private ClusterInfo execute(BackupRequest request, CaptureSession session) throws IOException {
        KubeApi api = new KubeApi(client);
        ClusterInfo cluster = clusterInfo(api, session);
        DiscoveredTypes discovered = new ApiDiscovery(api).discover();
        discovered.warnings().forEach(w -> session.warn(new ItemProblem(null, null, null, w, false)));
        ResourceFilter resources = request.resourceFilter();
        for (String unknown : resources.unknown(discovered.types())) {
            session.warn(new ItemProblem(null, unknown, null, "resource type '" + unknown
                    + "' is not served by this cluster", false));
        }
        List<ApiResourceType> types = discovered.types().stream().filter(resources::matches)
                .filter(t -> !request.includeResources().isEmpty() || !NOT_BACKED_UP_BY_DEFAULT.contains(t.qualifiedResource()))
                .toList();
        listener.typesDiscovered(types.size());
        try (ParallelTasks tasks = new ParallelTasks(options.parallelism())) {
            RunContext ctx = new RunContext(client, api, request, discovered, types, request.parsedSelectors(),
                    request.namespaceFilter(), resources, new CollectionLister(api, options.pageSize()), session, tasks);
            if (request.isAppMode()) {
                new AppCapture(ctx).run();
            } else {
                new NamespaceCapture(ctx).run();
            }
            ClusterCapture clusterCapture = new ClusterCapture(ctx);
            if (request.includeClusterResources() == ClusterResources.TRUE) {
                clusterCapture.captureAll();
            }
            if (request.includeClusterResources() == ClusterResources.AUTO && !request.isAppMode()) {
                clusterCapture.captureReferenced();
            }
        }
        return cluster;
    }

    private ClusterInfo clusterInfo(KubeApi api, CaptureSession session) {
        String server = client.getMasterUrl().toString();
        try {
            JsonNode v = api.getJson("/version");
            return new ClusterInfo(server, v.path("gitVersion").asText(null), v.path("platform").asText(null));
        } catch (ApiException e) {
            session.warn(new ItemProblem(null, null, null, "cannot read the API server version: " + e.getMessage(), false));
            return new ClusterInfo(server, null, null);
        }
    }
}
