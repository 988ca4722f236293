package io.cairn.kube.volumes;

import io.cairn.repository.Id;
import io.cairn.repository.Repository;
import io.cairn.repository.backend.LocalBackend;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Stands in for the cluster's controllers against the mock API server: the CSI snapshotter (copies the volume's
 * directory and marks the VolumeSnapshot readyToUse), the provisioner (a PVC is a directory; one made from a
 * snapshot starts as the snapshot's copy) and the kubelet (runs each mover pod's {@code cairn mover} in-process
 * with the repository and password from the pod's Secret, then writes the pod's status and termination message).
 * Faults are set per PVC name.
 */
final class FakeVolumeCluster implements AutoCloseable {
    enum Fault { SNAPSHOT_NEVER_READY, EVICT_MOVER, NO_SPACE }

    private final KubernetesClient client;
    private final Path root;
    private final Map<String, Path> volumes = new ConcurrentHashMap<>();
    private final Map<String, Path> snapshots = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    /** What happened, in order: "snapshot ns/pvc", "mover backup|restore ns/claim (workload pods: N)". */
    final List<String> events = new CopyOnWriteArrayList<>();
    /** Every mover pod as it was created. */
    final List<Pod> moverPods = new CopyOnWriteArrayList<>();
    private final ExecutorService kubelet = Executors.newFixedThreadPool(3);
    private final Thread loop;
    private volatile boolean stopped;
    /** The groupsnapshot.storage.k8s.io version the fake group-snapshot controller serves, or null. */
    private volatile String groupVersion;
    private volatile Throwable failure;

    FakeVolumeCluster(KubernetesClient client, Path root) {
        this.client = client;
        this.root = root;
        this.loop = new Thread(this::run, "fake-controllers");
        loop.setDaemon(true);
        loop.start();
    }

    /** The directory that holds the PVC's files (created empty on first use, as a provisioner would). */
    Path volume(String namespace, String pvc) {
        return volumes.computeIfAbsent(namespace + "/" + pvc, k -> {
            try {
                return Files.createDirectories(root.resolve("pv-" + k.replace('/', '-')));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    void fault(String pvc, Fault fault) {
        faults.put(pvc, fault);
    }

    private void run() {
        while (!stopped) {
            try {
                markGroupSnapshots();
                markSnapshotsReady();
                startMoverPods();
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                if (!stopped) {
                    failure = t;
                }
            }
        }
    }

    /**
     * Plays the group-snapshot controller for {@code version}: v1beta1 and later as external-snapshotter 8.x does
     * (member VolumeSnapshots owned by the group, with spec.source.persistentVolumeClaimName), v1alpha1 with the
     * members listed in status.pvcVolumeSnapshotRefList instead of owner references.
     */
    void playGroupSnapshots(String version) {
        groupVersion = version;
    }

    private void markGroupSnapshots() {
        String version = groupVersion;
        if (version == null) {
            return;
        }
        var groups = client.genericKubernetesResources(GroupSnapshotApi.groups(version));
        for (GenericKubernetesResource vgs : groups.inAnyNamespace().list().getItems()) {
            if (vgs.getAdditionalProperties().get("status") instanceof Map<?, ?> st && Boolean.TRUE.equals(st.get("readyToUse"))) {
                continue;
            }
            String ns = vgs.getMetadata().getNamespace();
            String name = vgs.getMetadata().getName();
            boolean alpha = "v1alpha1".equals(version);
            List<GenericKubernetesResource> members = members(ns, name);
            if (members.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, String> selector = (Map<String, String>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) vgs
                        .getAdditionalProperties().get("spec")).get("source")).get("selector")).get("matchLabels");
                List<String> pvcs = client.persistentVolumeClaims().inNamespace(ns).list().getItems().stream()
                        .filter(p -> p.getMetadata().getLabels() != null
                                && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                        .map(p -> p.getMetadata().getName()).toList();
                for (String pvc : pvcs) {
                    var member = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                            .withApiVersion(SnapshotApi.API_VERSION).withKind("VolumeSnapshot").withNewMetadata()
                            .withName("snapshot-" + Integer.toHexString((vgs.getMetadata().getUid() + pvc).hashCode()))
                            .withNamespace(ns).addToLabels(FAKE_GROUP_LABEL, name).endMetadata().build();
                    if (!alpha) {
                        member.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                                .withApiVersion(GroupSnapshotApi.GROUP + "/" + version).withKind("VolumeGroupSnapshot")
                                .withName(name).withUid(vgs.getMetadata().getUid()).withController(true).build()));
                    }
                    member.setAdditionalProperty("spec", Map.of("source", Map.of("persistentVolumeClaimName", pvc)));
                    client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inNamespace(ns).resource(member).create();
                }
                events.add("group snapshot " + ns + "/" + name + ": " + String.join(",", pvcs));
                continue;
            }
            boolean allReady = members.stream().allMatch(m -> m.getAdditionalProperties().get("status") instanceof Map<?, ?> ms
                    && Boolean.TRUE.equals(ms.get("readyToUse")));
            if (!allReady) {
                continue;
            }
            Map<String, Object> status = new HashMap<>();
            status.put("readyToUse", true);
            status.put("creationTime", OffsetDateTime.now(ZoneOffset.UTC).toString());
            if (alpha) {
                status.put("pvcVolumeSnapshotRefList", members.stream().map(m -> Map.of(
                        "persistentVolumeClaimRef", Map.of("name", ((Map<?, ?>) ((Map<?, ?>) m.getAdditionalProperties()
                                .get("spec")).get("source")).get("persistentVolumeClaimName")),
                        "volumeSnapshotRef", Map.of("name", m.getMetadata().getName()))).toList());
            }
            vgs.setAdditionalProperty("status", status);
            groups.inNamespace(ns).resource(vgs).update();
        }
    }

    /** Marks the members this fake created (a real controller finds them by owner; v1alpha1 ones have none). */
    static final String FAKE_GROUP_LABEL = "fake.test/group";

    private List<GenericKubernetesResource> members(String ns, String group) {
        return client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inNamespace(ns).list().getItems().stream()
                .filter(vs -> vs.getMetadata().getLabels() != null && group.equals(vs.getMetadata().getLabels().get(FAKE_GROUP_LABEL)))
                .toList();
    }

    private void markSnapshotsReady() throws IOException {
        for (GenericKubernetesResource vs : client.genericKubernetesResources(SnapshotApi.SNAPSHOTS)
                .inAnyNamespace().list().getItems()) {
            if (vs.getAdditionalProperties().get("status") != null) {
                continue;
            }
            String ns = vs.getMetadata().getNamespace();
            String pvc = (String) ((Map<?, ?>) ((Map<?, ?>) vs.getAdditionalProperties().get("spec")).get("source"))
                    .get("persistentVolumeClaimName");
            if (faults.get(pvc) == Fault.SNAPSHOT_NEVER_READY) {
                continue;
            }
            Path copy = root.resolve("snap-" + ns + "-" + vs.getMetadata().getName());
            copyTree(volume(ns, pvc), copy);
            snapshots.put(ns + "/" + vs.getMetadata().getName(), copy);
            events.add("snapshot " + ns + "/" + pvc);
            Map<String, Object> status = new HashMap<>();
            status.put("readyToUse", true);
            status.put("creationTime", OffsetDateTime.now(ZoneOffset.UTC).toString());
            status.put("restoreSize", "1Gi");
            vs.setAdditionalProperty("status", status);
            client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inNamespace(ns).resource(vs).update();
        }
    }

    private void startMoverPods() {
        for (Pod pod : client.pods().inAnyNamespace().withLabel(MoverPods.COMPONENT_LABEL, MoverPods.COMPONENT).list().getItems()) {
            if (pod.getStatus() != null && pod.getStatus().getPhase() != null || !handled.add(pod.getMetadata().getUid())) {
                continue;
            }
            moverPods.add(pod);
            kubelet.submit(() -> {
                try {
                    play(pod);
                } catch (Throwable t) {
                    failure = t;
                }
            });
        }
    }

    /** Runs the pod's mover in-process and writes the status a kubelet would. */
    private void play(Pod pod) throws Exception {
        String ns = pod.getMetadata().getNamespace();
        MoverInvocation inv = MoverInvocation.parse(pod.getSpec().getContainers().get(0).getArgs());
        String claim = pod.getSpec().getVolumes().stream().map(Volume::getPersistentVolumeClaim)
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow().getClaimName();
        Path dir = claimDirectory(ns, claim);
        long workloads = client.pods().inNamespace(ns).list().getItems().stream()
                .filter(p -> p.getMetadata().getLabels() == null || !p.getMetadata().getLabels().containsKey(MoverPods.COMPONENT_LABEL)).count();
        events.add("mover " + (inv.backup() ? "backup " : "restore ") + ns + "/" + claim + " (workload pods: " + workloads + ")");
        Fault fault = faults.get(sourcePvc(ns, claim));
        PodStatusBuilder status = new PodStatusBuilder();
        if (fault == Fault.EVICT_MOVER) {
            status.withPhase("Failed").withReason("Evicted").withMessage("The node was low on resource: memory.");
        } else if (fault == Fault.NO_SPACE && !inv.backup()) {
            terminated(status, 1, MoverResult.failure("write " + MoverPods.MOUNT + "/data.bin: no space left on device", 3).toJson());
        } else {
            MoverResult result;
            try (Repository repo = openRepository(ns, pod)) {
                VolumeMover mover = new VolumeMover(repo);
                result = inv.backup() ? mover.backup(dir, inv.tree() == null ? null : Id.parse(inv.tree()))
                        : mover.restore(Id.parse(inv.tree()), dir);
            }
            terminated(status, 0, result.toJson());
        }
        pod.setStatus(status.build());
        client.pods().inNamespace(ns).resource(pod).updateStatus();
    }

    private static void terminated(PodStatusBuilder status, int exitCode, String message) {
        status.withPhase(exitCode == 0 ? "Succeeded" : "Failed").addNewContainerStatus().withName("mover")
                .withNewState().withNewTerminated().withExitCode(exitCode).withMessage(message).endTerminated().endState()
                .endContainerStatus();
    }

    /** The repository and password the pod's env takes from its Secret. */
    private Repository openRepository(String ns, Pod pod) throws IOException {
        String secretName = pod.getSpec().getContainers().get(0).getEnv().get(0).getValueFrom().getSecretKeyRef().getName();
        Secret secret = client.secrets().inNamespace(ns).withName(secretName).get();
        String repository = decode(secret.getData().get(MoverAccess.REPOSITORY_KEY));
        String password = decode(secret.getData().get(MoverAccess.PASSWORD_KEY));
        return Repository.open(new LocalBackend(Path.of(repository)), password.toCharArray());
    }

    private Path claimDirectory(String ns, String claim) throws IOException {
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns).withName(claim).get();
        if (pvc != null && pvc.getSpec().getDataSource() != null && "VolumeSnapshot".equals(pvc.getSpec().getDataSource().getKind())) {
            return snapshots.get(ns + "/" + pvc.getSpec().getDataSource().getName());
        }
        return volume(ns, claim);
    }

    /** The PVC a claim stands for: the source PVC of a temporary PVC made from a snapshot. */
    private String sourcePvc(String ns, String claim) {
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns).withName(claim).get();
        if (pvc != null && pvc.getSpec().getDataSource() != null) {
            GenericKubernetesResource vs = client.genericKubernetesResources(SnapshotApi.SNAPSHOTS)
                    .inNamespace(ns).withName(pvc.getSpec().getDataSource().getName()).get();
            if (vs != null) {
                return (String) ((Map<?, ?>) ((Map<?, ?>) vs.getAdditionalProperties().get("spec")).get("source"))
                        .get("persistentVolumeClaimName");
            }
        }
        return claim;
    }

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Throws what went wrong on the controllers' threads, if anything. */
    void assertHealthy() {
        if (failure != null) {
            throw new AssertionError("fake controllers failed", failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        loop.interrupt();
        loop.join(2000);
        kubelet.shutdownNow();
    }
}
