package io.cairn.kube.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kube.backup.BackupPhase;
import io.cairn.kube.backup.BackupResult;
import io.cairn.kube.backup.BackupRunner;
import io.cairn.kube.backup.VolumeRecord;
import io.cairn.kube.selection.BackupRequest;
import io.cairn.kube.testing.TestRepository;
import io.cairn.repository.restorer.TreeNavigator;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Volume data of a backup against the mock API server, with {@link FakeVolumeCluster} playing the controllers. */
@EnableKubernetesMockClient(crud = true)
class VolumeBackupIT {
    KubernetesMockServer server;
    KubernetesClient client;
    @RegisterExtension
    final TestRepository repo = new TestRepository();
    @TempDir
    Path tmp;
    FakeVolumeCluster cluster;

    @BeforeEach
    void setUp() throws Exception {
        cluster = KvApp.startWithVolumes(server, client, tmp, 10);
    }

    @AfterEach
    void tearDown() throws Exception {
        cluster.close();
        cluster.assertHealthy();
    }

    static VolumeOptions options(TestRepository repo) {
        String location = repo.dir().toString();
        return VolumeOptions.defaults(new VolumeOptions.MoverCredentials(location, TestRepository.PASSWORD))
                .withTimeouts(Duration.ofMillis(400), Duration.ofSeconds(30), Duration.ofMillis(10));
    }

    private BackupResult backup(String name, VolumeOptions options) throws Exception {
        return new BackupRunner(client)
                .withVolumeSnapshotter(new VolumeBackup(client, options, ParentTrees.latestIn(repo.repository(), 20)))
                .run(BackupRequest.builder(name).app(KvApp.NS, "statefulset/kv").build(), repo.blobs(),
                        repo.repository()::saveSnapshot, "test");
    }

    @Test
    void snapshotMoveLinksEachVolumeUnderVolumesAndDeletesEveryTemporary() throws Exception {
        BackupResult result = backup("kv-1", options(repo));

        assertThat(result.manifest().phase()).as(result.manifest().errors().toString()).isEqualTo(BackupPhase.COMPLETED);
        List<VolumeRecord> volumes = result.manifest().volumes();
        assertThat(volumes).extracting(VolumeRecord::pvc).containsExactly("data-kv-0", "data-kv-1");
        for (VolumeRecord v : volumes) {
            assertThat(v.method()).isEqualTo("snapshot+move");
            assertThat(v.snapshot()).startsWith("cairn-kv-1-data-kv-");
            assertThat(v.snapshotTime()).isNotNull();
            assertThat(v.files()).isEqualTo(3);
            assertThat(v.bytes()).isEqualTo(VolumeTrees.SAMPLE_BYTES);
            assertThat(v.newBytes()).isPositive();
            assertThat(v.error()).isNull();
            assertThat(new TreeNavigator(repo.blobs()).resolve(result.tree(), "volumes/kv/" + v.pvc()).subtree().toString())
                    .isEqualTo(v.tree());
        }
        assertThat(cluster.moverPods).hasSize(2).allSatisfy(this::isLockedDown);
        assertNoTemporaries();
    }

    @Test
    void aSecondBackupUsesTheFirstOnesSubtreesAsParents() throws Exception {
        BackupResult first = backup("kv-1", options(repo));
        BackupResult second = backup("kv-2", options(repo));

        for (int i = 0; i < 2; i++) {
            VolumeRecord before = first.manifest().volumes().get(i);
            VolumeRecord after = second.manifest().volumes().get(i);
            assertThat(after.parentTree()).isEqualTo(before.tree());
            // the fake snapshot is a fresh copy (new inodes, ctimes): files are read again, but no data is new
            assertThat(after.newBytes()).isLessThan(2_000);
        }
        assertThat(cluster.moverPods.get(2).getSpec().getContainers().get(0).getArgs()).contains("--parent-tree");
    }

    @Test
    void aSecondFsBackupOfUnchangedVolumesReadsNothing() throws Exception {
        BackupResult first = backup("kv-1", options(repo).withMethod(VolumeMethod.FS));
        BackupResult second = backup("kv-2", options(repo).withMethod(VolumeMethod.FS));

        for (int i = 0; i < 2; i++) {
            VolumeRecord after = second.manifest().volumes().get(i);
            assertThat(after.parentTree()).isEqualTo(first.manifest().volumes().get(i).tree());
            assertThat(after.tree()).isEqualTo(after.parentTree());
            assertThat(after.bytes()).isZero();
            assertThat(after.newBytes()).isZero();
        }
    }

    @Test
    void fsMovesTheLiveVolumeOnTheConsumersNodeInsideTheSnapshotStep() throws Exception {
        BackupResult result = backup("kv-fs", options(repo).withMethod(VolumeMethod.FS));

        assertThat(result.manifest().phase()).isEqualTo(BackupPhase.COMPLETED);
        assertThat(result.manifest().volumes()).extracting(VolumeRecord::method).containsOnly("fs");
        assertThat(cluster.events).noneMatch(e -> e.startsWith("snapshot "));
        assertThat(cluster.moverPods).extracting(p -> p.getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0).getMatchFields().get(0)
                .getValues().get(0)).containsExactlyInAnyOrder("node-a", "node-b");
        assertThat(cluster.moverPods).allSatisfy(p -> assertThat(p.getSpec().getVolumes().get(0)
                .getPersistentVolumeClaim().getClaimName()).startsWith("data-kv-"));
        assertNoTemporaries();
    }

    @Test
    void aFailedVolumeIsAnErrorOfItsOwnAndTheOthersGoOn() throws Exception {
        cluster.fault("data-kv-0", FakeVolumeCluster.Fault.SNAPSHOT_NEVER_READY);
        cluster.fault("data-kv-1", FakeVolumeCluster.Fault.EVICT_MOVER);

        BackupResult result = backup("kv-bad", options(repo));

        assertThat(result.manifest().phase()).isEqualTo(BackupPhase.PARTIALLY_FAILED);
        List<VolumeRecord> v = result.manifest().volumes();
        assertThat(v.get(0).error()).contains("VolumeSnapshot cairn-kv-bad-data-kv-0 was not ready within");
        assertThat(v.get(1).error()).contains("was evicted").contains("low on resource");
        assertThat(v).allMatch(r -> r.tree() == null);
        assertThat(result.manifest().errors()).anyMatch(e -> "data-kv-1".equals(e.name()) && e.message().contains("evicted"));
        assertNoTemporaries();
    }

    @Test
    void aPvcWhoseDriverHasNoSnapshotClassFallsBackToFsOrFailsWhenSnapshotIsAsked() throws Exception {
        client.persistentVolumeClaims().inNamespace(KvApp.NS).withName("data-kv-0").edit(p -> {
            p.getSpec().setVolumeName(null);
            p.getSpec().setStorageClassName(KvApp.NO_SNAPSHOT_STORAGE_CLASS);
            return p;
        });
        client.persistentVolumeClaims().inNamespace(KvApp.NS).withName("data-kv-1").edit(p -> {
            p.getMetadata().setAnnotations(java.util.Map.of(VolumeMethod.ANNOTATION, "skip"));
            return p;
        });

        BackupResult auto = backup("kv-auto", options(repo));
        assertThat(auto.manifest().volumes()).extracting(VolumeRecord::method).containsExactly("fs", "skip");
        assertThat(auto.manifest().volumes().get(0).tree()).isNotNull();

        BackupResult forced = backup("kv-forced", options(repo).withMethod(VolumeMethod.SNAPSHOT_MOVE));
        assertThat(forced.manifest().volumes().get(0).error()).isEqualTo("no VolumeSnapshotClass for CSI driver nfs.csi.k8s.io");
        assertThat(forced.manifest().phase()).isEqualTo(BackupPhase.PARTIALLY_FAILED);
        assertNoTemporaries();
    }

    private void isLockedDown(Pod pod) {
        var c = pod.getSpec().getContainers().get(0);
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSpec().getServiceAccountName()).startsWith("cairn-");
        assertThat(c.getVolumeMounts().get(0).getReadOnly()).isTrue();
        assertThat(pod.getSpec().getVolumes().get(0).getPersistentVolumeClaim().getReadOnly()).isTrue();
        assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getEnv()).allMatch(e -> e.getValueFrom().getSecretKeyRef() != null);
        assertThat(c.getCommand()).containsExactly("cairn");
    }

    private void assertNoTemporaries() {
        assertThat(client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.persistentVolumeClaims().inNamespace(KvApp.NS).list().getItems())
                .extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("data-kv-0", "data-kv-1");
        assertThat(client.pods().inNamespace(KvApp.NS).list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("kv-0", "kv-1");
        assertThat(client.secrets().inNamespace(KvApp.NS).list().getItems()).isEmpty();
        assertThat(client.serviceAccounts().inNamespace(KvApp.NS).list().getItems()).isEmpty();
    }
}
