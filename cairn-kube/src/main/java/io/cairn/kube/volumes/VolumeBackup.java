package io.cairn.kube.volumes;

import io.cairn.kube.archive.BackupLayout;
import io.cairn.kube.archive.ObjectArchiveWriter;
import io.cairn.kube.backup.ManifestItem;
import io.cairn.kube.backup.VolumeRecord;
import io.cairn.kube.backup.VolumeSnapshotter;
import io.cairn.repository.Id;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The volume data of a backup. Inside the freeze window ({@link #snapshot}): a VolumeSnapshot of every
 * snapshot+move PVC, waited on until readyToUse, and the mover pods of the fs PVCs (which must finish before the
 * pods are released). After it ({@link #transfer}): for each ready snapshot a temporary PVC made from it and a mover
 * pod that writes its files into the repository; the subtrees are linked under /volumes/&lt;ns&gt;/&lt;pvc&gt;/.
 * Volumes are independent: one that fails gets an error record and the others go on. Every VolumeSnapshot,
 * temporary PVC, pod, Secret and ServiceAccount this creates is deleted before {@link #transfer} returns.
 * <pre>
 * runner.withVolumeSnapshotter(new VolumeBackup(client, VolumeOptions.defaults(credentials), ParentTrees.latestIn(repo, 20)))
 * </pre>
 */
public final class VolumeBackup implements VolumeSnapshotter {
    public static final String BACKUP_LABEL = "cairn.io/backup";

    private final KubernetesClient client;
    private final VolumeOptions options;
    private final ParentTrees parents;
    private final SnapshotApi snapshots;
    private final MoverPods pods;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public VolumeBackup(KubernetesClient client, VolumeOptions options, ParentTrees parents) {
        this.client = client;
        this.options = options;
        this.parents = parents == null ? ParentTrees.NONE : parents;
        this.snapshots = new SnapshotApi(client);
        this.pods = new MoverPods(client, options);
    }

    /** One PVC on its way into the backup. */
    private static final class Volume {
        final String namespace;
        final String pvc;
        final PersistentVolumeClaim claim;
        final VolumeMethod method;
        String snapshotClass;
        String snapshot;
        OffsetDateTime snapshotTime;
        String restoreSize;

        Volume(String namespace, String pvc, PersistentVolumeClaim claim, VolumeMethod method) {
            this.namespace = namespace;
            this.pvc = pvc;
            this.claim = claim;
            this.method = method;
        }
    }

    /** The state of one backup between the freeze window and the transfer. */
    private final class Run {
        final String backup;
        final Map<String, String> labels;
        final MoverAccess access;
        final List<Volume> ready = new ArrayList<>();
        final ConcurrentLinkedQueue<VolumeRecord> records = new ConcurrentLinkedQueue<>();

        Run(String backup) {
            this.backup = backup;
            this.labels = Map.of(BACKUP_LABEL, labelValue(backup));
            this.access = new MoverAccess(client, KubeNames.of(backup, "mover"), options.credentials(), labels);
        }

        void fail(Volume v, String error) {
            records.add(new VolumeRecord(v.namespace, v.pvc, v.method.text(), v.snapshot, v.snapshotTime, null, null,
                    0, 0, 0, 0, List.of(), error));
        }
    }

    @Override
    public void snapshot(String backup, List<ManifestItem> claims) throws InterruptedException {
        Run run = new Run(backup);
        runs.put(backup, run);
        List<Volume> toSnapshot = new ArrayList<>();
        List<Volume> fs = new ArrayList<>();
        for (ManifestItem item : claims) {
            Volume v = plan(run, item);
            if (v != null && v.method == VolumeMethod.SNAPSHOT_MOVE) {
                toSnapshot.add(v);
            } else if (v != null && v.method == VolumeMethod.FS) {
                fs.add(v);
            }
        }
        List<Volume> created = new ArrayList<>();
        for (Volume v : toSnapshot) {
            v.snapshot = KubeNames.of(backup, v.pvc);
            try {
                snapshots.create(v.namespace, v.snapshot, v.pvc, v.snapshotClass, run.labels);
                created.add(v);
            } catch (KubernetesClientException e) {
                run.fail(v, "cannot create VolumeSnapshot " + v.snapshot + ": " + e.getMessage());
                v.snapshot = null;
            }
        }
        try {
            awaitReady(run, created);
        } catch (InterruptedException e) {
            created.stream().filter(v -> !run.ready.contains(v)).forEach(v -> snapshots.delete(v.namespace, v.snapshot));
            throw e;
        }
        VolumeTasks.forEach(fs, options.parallelism(), v -> moveLive(run, v),
                (v, e) -> run.fail(v, describe(e)));
    }

    @Override
    public List<VolumeRecord> transfer(String backup, ObjectArchiveWriter writer) throws InterruptedException {
        Run run = runs.remove(backup);
        if (run == null) {
            return List.of();
        }
        try {
            VolumeTasks.forEach(run.ready, options.parallelism(), v -> moveSnapshot(run, v),
                    (v, e) -> run.fail(v, describe(e)));
        } finally {
            for (Volume v : run.ready) {
                snapshots.delete(v.namespace, v.snapshot);
            }
            run.access.close();
        }
        List<VolumeRecord> records = new ArrayList<>(run.records);
        records.sort(Comparator.comparing(VolumeRecord::namespace).thenComparing(VolumeRecord::pvc));
        for (VolumeRecord r : records) {
            if (r.tree() != null) {
                writer.addSubtree(List.of(BackupLayout.VOLUMES, r.namespace(), r.pvc()), Id.parse(r.tree()));
            }
        }
        return records;
    }

    /** Reads the PVC and picks its method; records and returns null for skipped or unusable ones. */
    private Volume plan(Run run, ManifestItem item) {
        PersistentVolumeClaim pvc;
        try {
            pvc = client.persistentVolumeClaims().inNamespace(item.namespace()).withName(item.name()).get();
        } catch (KubernetesClientException e) {
            pvc = null;
        }
        VolumeMethod requested = options.method();
        String annotation = pvc == null || pvc.getMetadata().getAnnotations() == null ? null
                : pvc.getMetadata().getAnnotations().get(VolumeMethod.ANNOTATION);
        Volume unplanned = new Volume(item.namespace(), item.name(), pvc, requested == null ? VolumeMethod.FS : requested);
        if (pvc == null) {
            run.fail(unplanned, "the PVC cannot be read any more");
            return null;
        }
        if (annotation != null) {
            try {
                requested = VolumeMethod.parse(annotation);
            } catch (IllegalArgumentException e) {
                run.fail(unplanned, "annotation " + VolumeMethod.ANNOTATION + ": " + e.getMessage());
                return null;
            }
        }
        if (requested == VolumeMethod.SKIP) {
            run.records.add(new VolumeRecord(item.namespace(), item.name(), VolumeMethod.SKIP.text(), null, null, null,
                    null, 0, 0, 0, 0, List.of(), null));
            return null;
        }
        if ("Block".equals(pvc.getSpec().getVolumeMode())) {
            run.fail(new Volume(item.namespace(), item.name(), pvc, requested == null ? VolumeMethod.FS : requested),
                    "block volumes (volumeMode: Block) are not supported");
            return null;
        }
        if (requested == VolumeMethod.FS) {
            return new Volume(item.namespace(), item.name(), pvc, VolumeMethod.FS);
        }
        String[] why = new String[1];
        java.util.Optional<String> snapshotClass;
        try {
            snapshotClass = snapshots.classFor(pvc, why);
        } catch (KubernetesClientException e) {
            run.fail(new Volume(item.namespace(), item.name(), pvc, VolumeMethod.SNAPSHOT_MOVE),
                    "cannot find the PVC's CSI driver: " + e.getMessage());
            return null;
        }
        if (snapshotClass.isEmpty()) {
            if (requested == null) {
                return new Volume(item.namespace(), item.name(), pvc, VolumeMethod.FS);
            }
            run.fail(new Volume(item.namespace(), item.name(), pvc, VolumeMethod.SNAPSHOT_MOVE), why[0]);
            return null;
        }
        Volume v = new Volume(item.namespace(), item.name(), pvc, VolumeMethod.SNAPSHOT_MOVE);
        v.snapshotClass = snapshotClass.get();
        return v;
    }

    /** Waits until every created snapshot is readyToUse; those that are not by the deadline fail and are deleted. */
    private void awaitReady(Run run, List<Volume> created) throws InterruptedException {
        long deadline = System.nanoTime() + options.snapshotTimeout().toNanos();
        List<Volume> waiting = new ArrayList<>(created);
        Map<Volume, String> lastError = new java.util.HashMap<>();
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Volume v = it.next();
                SnapshotApi.State state;
                try {
                    state = snapshots.state(v.namespace, v.snapshot);
                } catch (KubernetesClientException e) {
                    state = new SnapshotApi.State(false, null, null, e.getMessage());
                }
                if (state.error() != null) {
                    lastError.put(v, state.error());
                }
                if (state.ready()) {
                    v.snapshotTime = state.creationTime() != null ? state.creationTime() : now();
                    v.restoreSize = state.restoreSize();
                    run.ready.add(v);
                    it.remove();
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                for (Volume v : waiting) {
                    run.fail(v, "VolumeSnapshot " + v.snapshot + " was not ready within " + options.snapshotTimeout()
                            + (lastError.containsKey(v) ? " (last error: " + lastError.get(v) + ")" : ""));
                    snapshots.delete(v.namespace, v.snapshot);
                }
                return;
            }
            Thread.sleep(options.pollInterval().toMillis());
        }
    }

    /** fs: a mover reads the live PVC read-only on the node of a pod that uses it. */
    private void moveLive(Run run, Volume v) throws IOException, InterruptedException {
        v.snapshotTime = now();
        Id parent = parents.find(v.namespace, v.pvc);
        MoverPods.Spec spec = new MoverPods.Spec(v.namespace, KubeNames.of(run.backup, v.pvc), v.pvc, true,
                MoverInvocation.backup(MoverPods.MOUNT, parent == null ? null : parent.toString()), nodeOf(v), run.labels);
        record(run, v, parent, pods.run(spec, run.access));
    }

    /** snapshot+move: a temporary PVC from the snapshot, a mover pod that reads it; both deleted afterwards. */
    private void moveSnapshot(Run run, Volume v) throws IOException, InterruptedException {
        String temp = KubeNames.of(run.backup, v.pvc);
        Id parent = parents.find(v.namespace, v.pvc);
        try {
            client.persistentVolumeClaims().inNamespace(v.namespace).resource(temporaryClaim(run, v, temp)).create();
            MoverPods.Spec spec = new MoverPods.Spec(v.namespace, temp, temp, true,
                    MoverInvocation.backup(MoverPods.MOUNT, parent == null ? null : parent.toString()), null, run.labels);
            record(run, v, parent, pods.run(spec, run.access));
        } finally {
            try {
                client.persistentVolumeClaims().inNamespace(v.namespace).withName(temp).delete();
            } catch (KubernetesClientException e) {
                // best effort; labelled with the backup
            }
        }
    }

    private PersistentVolumeClaim temporaryClaim(Run run, Volume v, String name) {
        String size = v.restoreSize;
        if (size == null && v.claim.getSpec().getResources() != null && v.claim.getSpec().getResources().getRequests() != null) {
            Quantity q = v.claim.getSpec().getResources().getRequests().get("storage");
            size = q == null ? null : q.toString();
        }
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace(v.namespace)
                .withLabels(run.labels).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(v.claim.getSpec().getStorageClassName())
                .withNewResources().addToRequests("storage", new Quantity(size == null ? "1Gi" : size)).endResources()
                .withNewDataSource().withApiGroup(SnapshotApi.GROUP).withKind("VolumeSnapshot").withName(v.snapshot)
                .endDataSource().endSpec().build();
    }

    private static void record(Run run, Volume v, Id parent, MoverResult r) {
        run.records.add(new VolumeRecord(v.namespace, v.pvc, v.method.text(), v.snapshot, v.snapshotTime,
                r.failed() ? null : r.tree(), parent == null ? null : parent.toString(), r.files(), r.bytes(),
                r.newBytes(), r.durationMillis(), r.warnings(), r.error()));
    }

    /** The node of a pod that mounts the PVC (a running one first), or null to let the scheduler pick. */
    private String nodeOf(Volume v) {
        List<Pod> users = client.pods().inNamespace(v.namespace).list().getItems().stream()
                .filter(p -> p.getSpec() != null && p.getSpec().getNodeName() != null && p.getSpec().getVolumes() != null)
                .filter(p -> p.getSpec().getVolumes().stream().anyMatch(vol -> vol.getPersistentVolumeClaim() != null
                        && v.pvc.equals(vol.getPersistentVolumeClaim().getClaimName())))
                .sorted(Comparator.comparing((Pod p) -> !"Running".equals(p.getStatus() == null ? null : p.getStatus().getPhase())))
                .toList();
        return users.isEmpty() ? null : users.get(0).getSpec().getNodeName();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String labelValue(String backup) {
        return backup.length() <= 63 ? backup : backup.substring(0, 63);
    }

    private static String describe(Exception e) {
        return e instanceof InterruptedException ? "interrupted" : e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
