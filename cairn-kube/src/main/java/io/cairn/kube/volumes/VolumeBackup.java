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
 * snapshot+move PVC (one VolumeGroupSnapshot per namespace and CSI driver where the cluster serves
 * groupsnapshot.storage.k8s.io and the driver has a VolumeGroupSnapshotClass, see {@code startGroups}), waited on until readyToUse, and the mover pods of the fs PVCs (which must finish before the
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
    /** On every temporary object of a backup, next to {@link #BACKUP_LABEL} (restored objects carry that one too). */
    public static final String TEMPORARY_LABEL = "cairn.io/temporary";
    /**
     * On the app's own PVCs while a VolumeGroupSnapshot of them is being cut: the group's name, which the group's
     * {@code spec.source.selector} matches. {@link #GROUP_BACKUP_ANNOTATION} names the backup, for the sweep.
     */
    public static final String GROUP_LABEL = "cairn.io/group-snapshot";
    public static final String GROUP_BACKUP_ANNOTATION = "cairn.io/group-snapshot-backup";

    private final KubernetesClient client;
    private final VolumeOptions options;
    private final ParentTrees parents;
    private final SnapshotApi snapshots;
    private final GroupSnapshotApi groupSnapshots;
    private final MoverPods pods;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public VolumeBackup(KubernetesClient client, VolumeOptions options, ParentTrees parents) {
        this.client = client;
        this.options = options;
        this.parents = parents == null ? ParentTrees.NONE : parents;
        this.snapshots = new SnapshotApi(client);
        this.groupSnapshots = new GroupSnapshotApi(client);
        this.pods = new MoverPods(client, options);
    }

    /** One PVC on its way into the backup. */
    private static final class Volume {
        final String namespace;
        final String pvc;
        final PersistentVolumeClaim claim;
        final VolumeMethod method;
        String snapshotClass;
        String driver;
        String group;
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
        /** Every VolumeGroupSnapshot created, as namespace/name: deleted (with its members) by the transfer. */
        final List<Group> groups = new ArrayList<>();
        final ConcurrentLinkedQueue<VolumeRecord> records = new ConcurrentLinkedQueue<>();

        Run(String backup) {
            this.backup = backup;
            this.labels = Map.of(BACKUP_LABEL, labelValue(backup), TEMPORARY_LABEL, "true");
            this.access = new MoverAccess(client, KubeNames.of(backup, "mover"), options.credentials(), labels);
        }

        void fail(Volume v, String error) {
            records.add(new VolumeRecord(v.namespace, v.pvc, v.method.text(), v.snapshot, v.snapshotTime, null, null,
                    0, 0, 0, 0, List.of(), error, v.group));
        }
    }

    /** A VolumeGroupSnapshot of some snapshot+move PVCs of one namespace and one CSI driver. */
    private record Group(String namespace, String name, List<Volume> volumes) {
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
        List<Group> groups = startGroups(run, toSnapshot);
        groups.forEach(g -> toSnapshot.removeAll(g.volumes()));
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
        long deadline = System.nanoTime() + options.snapshotTimeout().toNanos();
        try {
            awaitGroups(run, groups, deadline);
            awaitReady(run, created, deadline);
        } catch (InterruptedException e) {
            created.stream().filter(v -> !run.ready.contains(v)).forEach(v -> snapshots.delete(v.namespace, v.snapshot));
            for (Group g : groups) {
                if (g.volumes().stream().noneMatch(run.ready::contains)) {
                    groupSnapshots.delete(g.namespace(), g.name());
                    run.groups.remove(g);
                }
            }
            throw e;
        } finally {
            groups.forEach(this::unlabel);
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
            for (Group g : run.groups) {
                groupSnapshots.delete(g.namespace(), g.name());
            }
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
                    null, 0, 0, 0, 0, List.of(), null, null));
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
        try {
            v.driver = snapshots.driverOf(pvc);
        } catch (KubernetesClientException e) {
            v.driver = null; // no group snapshot for it; the per-PVC snapshot still works
        }
        return v;
    }

    /** Waits until every created snapshot is readyToUse; those that are not by the deadline fail and are deleted. */
    private void awaitReady(Run run, List<Volume> created, long deadline) throws InterruptedException {
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

    /**
     * Starts one VolumeGroupSnapshot per namespace and CSI driver for the snapshot+move PVCs, where the cluster
     * serves groupsnapshot.storage.k8s.io and a VolumeGroupSnapshotClass of the driver exists (a group holds
     * volumes of one driver only). A single PVC gets a plain VolumeSnapshot: a group of one is no more consistent.
     * Whatever cannot be grouped (no API, no class, a PVC that cannot be labelled, the group cannot be created)
     * falls back to per-PVC VolumeSnapshots, which the caller takes for the volumes not in a returned group.
     * <p>
     * Which PVCs: the group's {@code spec.source.selector} selects PVCs of its namespace by label, and the
     * controller snapshots every PVC that matches. The app's PVCs' common labels would be wrong on real clusters:
     * they can match PVCs that are not in the backup (another app's with the same {@code app} label, this app's
     * fs or skip volumes, excluded ones), and PVCs of one app need not share any label at all (two StatefulSets'
     * claim templates). So Cairn labels exactly the planned PVCs with {@link #GROUP_LABEL}={@code <group name>}
     * for the duration (until the group is ready or given up), and selects on that. The objects were captured
     * before the freeze window, so the label does not enter the backup; a crash leaves it behind and
     * {@code cairn backup release} ({@link VolumeTemporaries}) removes it, found by {@link #GROUP_BACKUP_ANNOTATION}.
     */
    private List<Group> startGroups(Run run, List<Volume> toSnapshot) {
        if (groupSnapshots.version().isEmpty()) {
            return List.of();
        }
        Map<List<String>, List<Volume>> byNamespaceAndDriver = new java.util.LinkedHashMap<>();
        for (Volume v : toSnapshot) {
            if (v.driver != null) {
                byNamespaceAndDriver.computeIfAbsent(List.of(v.namespace, v.driver), k -> new ArrayList<>()).add(v);
            }
        }
        List<Group> started = new ArrayList<>();
        for (var e : byNamespaceAndDriver.entrySet()) {
            String namespace = e.getKey().get(0);
            String driver = e.getKey().get(1);
            List<Volume> volumes = e.getValue();
            java.util.Optional<String> groupClass = groupSnapshots.classFor(driver);
            if (volumes.size() < 2 || groupClass.isEmpty()) {
                continue;
            }
            Group g = new Group(namespace, KubeNames.of(run.backup, "group", driver), List.copyOf(volumes));
            try {
                for (Volume v : volumes) {
                    client.persistentVolumeClaims().inNamespace(namespace).withName(v.pvc).edit(p -> {
                        if (p.getMetadata().getLabels() == null) {
                            p.getMetadata().setLabels(new java.util.HashMap<>());
                        }
                        if (p.getMetadata().getAnnotations() == null) {
                            p.getMetadata().setAnnotations(new java.util.HashMap<>());
                        }
                        p.getMetadata().getLabels().put(GROUP_LABEL, g.name());
                        p.getMetadata().getAnnotations().put(GROUP_BACKUP_ANNOTATION, run.backup);
                        return p;
                    });
                }
                groupSnapshots.create(namespace, g.name(), groupClass.get(), Map.of(GROUP_LABEL, g.name()), run.labels);
            } catch (KubernetesClientException ex) {
                unlabel(g); // per-PVC snapshots instead
                continue;
            }
            volumes.forEach(v -> v.group = g.name());
            run.groups.add(g);
            started.add(g);
        }
        return started;
    }

    /** Waits until each group is readyToUse and maps its members to the PVCs; a group not ready in time fails all its volumes. */
    private void awaitGroups(Run run, List<Group> groups, long deadline) throws InterruptedException {
        List<Group> waiting = new ArrayList<>(groups);
        Map<Group, String> lastError = new java.util.HashMap<>();
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Group g = it.next();
                SnapshotApi.State state;
                try {
                    state = groupSnapshots.state(g.namespace(), g.name());
                } catch (KubernetesClientException e) {
                    state = new SnapshotApi.State(false, null, null, e.getMessage());
                }
                if (state.error() != null) {
                    lastError.put(g, state.error());
                }
                if (state.ready()) {
                    it.remove();
                    adoptMembers(run, g, state.creationTime());
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                for (Group g : waiting) {
                    for (Volume v : g.volumes()) {
                        run.fail(v, "VolumeGroupSnapshot " + g.name() + " was not ready within " + options.snapshotTimeout()
                                + (lastError.containsKey(g) ? " (last error: " + lastError.get(g) + ")" : ""));
                    }
                    groupSnapshots.delete(g.namespace(), g.name());
                    run.groups.remove(g);
                }
                return;
            }
            Thread.sleep(options.pollInterval().toMillis());
        }
    }

    /** A ready group: each volume goes on with the member VolumeSnapshot of its PVC. */
    private void adoptMembers(Run run, Group g, OffsetDateTime groupTime) {
        Map<String, String> members;
        try {
            members = groupSnapshots.members(g.namespace(), g.name());
        } catch (KubernetesClientException e) {
            g.volumes().forEach(v -> run.fail(v, "cannot read the members of VolumeGroupSnapshot " + g.name() + ": " + e.getMessage()));
            return;
        }
        for (Volume v : g.volumes()) {
            String member = members.entrySet().stream().filter(m -> v.pvc.equals(m.getValue())).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (member == null) {
                run.fail(v, "VolumeGroupSnapshot " + g.name() + " is ready but has no VolumeSnapshot of the PVC");
                continue;
            }
            SnapshotApi.State state;
            try {
                state = snapshots.state(g.namespace(), member);
            } catch (KubernetesClientException e) {
                state = new SnapshotApi.State(false, null, null, e.getMessage());
            }
            v.snapshot = member;
            if (!state.ready()) {
                run.fail(v, "VolumeSnapshot " + member + " of VolumeGroupSnapshot " + g.name() + " is not ready"
                        + (state.error() == null ? "" : ": " + state.error()));
                continue;
            }
            v.snapshotTime = state.creationTime() != null ? state.creationTime() : groupTime != null ? groupTime : now();
            v.restoreSize = state.restoreSize();
            run.ready.add(v);
        }
    }

    /** Takes {@link #GROUP_LABEL} and {@link #GROUP_BACKUP_ANNOTATION} off the group's PVCs again; best effort. */
    private void unlabel(Group g) {
        for (Volume v : g.volumes()) {
            try {
                PersistentVolumeClaim p = client.persistentVolumeClaims().inNamespace(g.namespace()).withName(v.pvc).get();
                if (p != null && p.getMetadata().getLabels() != null
                        && g.name().equals(p.getMetadata().getLabels().get(GROUP_LABEL))) {
                    client.persistentVolumeClaims().inNamespace(g.namespace()).withName(v.pvc).edit(VolumeBackup::withoutGroupLabel);
                }
            } catch (KubernetesClientException e) {
                // best effort: `cairn backup release` removes it
            }
        }
    }

    static PersistentVolumeClaim withoutGroupLabel(PersistentVolumeClaim q) {
        if (q.getMetadata().getLabels() != null) {
            q.getMetadata().getLabels().remove(GROUP_LABEL);
        }
        if (q.getMetadata().getAnnotations() != null) {
            q.getMetadata().getAnnotations().remove(GROUP_BACKUP_ANNOTATION);
        }
        return q;
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
                r.newBytes(), r.durationMillis(), r.warnings(), r.error(), v.group));
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

    static String labelValue(String backup) {
        return backup.length() <= 63 ? backup : backup.substring(0, 63);
    }

    private static String describe(Exception e) {
        return e instanceof InterruptedException ? "interrupted" : e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
