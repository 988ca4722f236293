package io.cairn.kube.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kube.backup.BackupPhase;
import io.cairn.kube.backup.BackupResult;
import io.cairn.kube.backup.BackupRunner;
import io.cairn.kube.backup.VolumeRecord;
import io.cairn.kube.selection.BackupRequest;
import io.cairn.kube.testing.TestRepository;
import io.cairn.repository.restorer.TreeNavigator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** VolumeGroupSnapshots of the app's PVCs, with {@link FakeVolumeCluster} playing the group-snapshot controller. */
@EnableKubernetesMockClient(crud = true)
class VolumeGroupSnapshotIT {
    static final String GROUP_CLASS = "csi-groupclass";

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

    /** Serves groupsnapshot.storage.k8s.io in {@code version}, with a class of {@code driver}. */
    private void serve(String version, String driver) {
        server.expect().get().withPath("/apis/" + GroupSnapshotApi.GROUP).andReturn(200, """
                {"kind":"APIGroup","apiVersion":"v1","name":"%1$s",
                 "versions":[{"groupVersion":"%1$s/%2$s","version":"%2$s"}],
                 "preferredVersion":{"groupVersion":"%1$s/%2$s","version":"%2$s"}}""".formatted(GroupSnapshotApi.GROUP, version))
                .always();
        var cls = new GenericKubernetesResourceBuilder().withApiVersion(GroupSnapshotApi.GROUP + "/" + version)
                .withKind("VolumeGroupSnapshotClass").withNewMetadata().withName(GROUP_CLASS).endMetadata().build();
        cls.setAdditionalProperty("driver", driver);
        cls.setAdditionalProperty("deletionPolicy", "Delete");
        client.genericKubernetesResources(GroupSnapshotApi.classes(version)).resource(cls).create();
        cluster.playGroupSnapshots(version);
    }

    private BackupResult backup(String name) throws Exception {
        return new BackupRunner(client)
                .withVolumeSnapshotter(new VolumeBackup(client, VolumeBackupIT.options(repo), ParentTrees.latestIn(repo.repository(), 20)))
                .run(BackupRequest.builder(name).app(KvApp.NS, "statefulset/kv").build(), repo.blobs(),
                        repo.repository()::saveSnapshot, "test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1beta1", "v1alpha1"})
    void aServedApiTakesTheAppsVolumesAsOneGroupAndMovesEachMember(String version) throws Exception {
        serve(version, KvApp.DRIVER);

        BackupResult result = backup("kv-g");

        assertThat(result.manifest().phase()).as(result.manifest().errors().toString()).isEqualTo(BackupPhase.COMPLETED);
        String group = KubeNames.of("kv-g", "group", KvApp.DRIVER);
        assertThat(cluster.events).contains("group snapshot kv/" + group + ": data-kv-0,data-kv-1");
        assertThat(cluster.events).filteredOn(e -> e.startsWith("snapshot ")).hasSize(2);
        List<VolumeRecord> volumes = result.manifest().volumes();
        assertThat(volumes).extracting(VolumeRecord::pvc).containsExactly("data-kv-0", "data-kv-1");
        for (VolumeRecord v : volumes) {
            assertThat(v.groupSnapshot()).isEqualTo(group);
            assertThat(v.snapshot()).startsWith("snapshot-");
            assertThat(v.snapshotTime()).isNotNull();
            assertThat(v.error()).isNull();
            assertThat(v.bytes()).isEqualTo(VolumeTrees.SAMPLE_BYTES);
            assertThat(new TreeNavigator(repo.blobs()).resolve(result.tree(), "volumes/kv/" + v.pvc()).subtree().toString())
                    .isEqualTo(v.tree());
        }
        assertThat(volumes.get(0).snapshot()).isNotEqualTo(volumes.get(1).snapshot());
        assertNoTemporaries(version);
    }

    @Test
    void withoutTheApiOrAMatchingClassEachVolumeGetsItsOwnSnapshot() throws Exception {
        BackupResult unserved = backup("kv-a");
        assertThat(unserved.manifest().phase()).isEqualTo(BackupPhase.COMPLETED);
        assertThat(unserved.manifest().volumes()).allSatisfy(v -> {
            assertThat(v.groupSnapshot()).isNull();
            assertThat(v.snapshot()).startsWith("cairn-kv-a-data-kv-");
        });

        serve("v1beta1", "other.csi.example.com");
        BackupResult noClass = backup("kv-b");
        assertThat(noClass.manifest().phase()).isEqualTo(BackupPhase.COMPLETED);
        assertThat(noClass.manifest().volumes()).allSatisfy(v -> {
            assertThat(v.groupSnapshot()).isNull();
            assertThat(v.snapshot()).startsWith("cairn-kv-b-data-kv-");
        });
        assertThat(cluster.events).noneMatch(e -> e.startsWith("group snapshot"));
        assertNoTemporaries("v1beta1");
    }

    @Test
    void aGroupThatIsNeverReadyFailsEachOfItsVolumesAndIsDeletedWithItsMembers() throws Exception {
        serve("v1beta1", KvApp.DRIVER);
        cluster.fault("data-kv-0", FakeVolumeCluster.Fault.SNAPSHOT_NEVER_READY);

        BackupResult result = backup("kv-t");

        assertThat(result.manifest().phase()).isEqualTo(BackupPhase.PARTIALLY_FAILED);
        String group = KubeNames.of("kv-t", "group", KvApp.DRIVER);
        assertThat(result.manifest().volumes()).hasSize(2).allSatisfy(v -> {
            assertThat(v.error()).startsWith("VolumeGroupSnapshot " + group + " was not ready within");
            assertThat(v.groupSnapshot()).isEqualTo(group);
            assertThat(v.tree()).isNull();
        });
        assertThat(cluster.events).contains("group snapshot kv/" + group + ": data-kv-0,data-kv-1");
        assertThat(cluster.moverPods).isEmpty();
        assertNoTemporaries("v1beta1");
    }

    private void assertNoTemporaries(String version) {
        assertThat(client.genericKubernetesResources(GroupSnapshotApi.groups(version)).inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.persistentVolumeClaims().inNamespace(KvApp.NS).list().getItems()).allSatisfy(p -> {
            assertThat(p.getMetadata().getName()).isIn("data-kv-0", "data-kv-1");
            assertThat(p.getMetadata().getLabels()).doesNotContainKey(VolumeBackup.GROUP_LABEL);
            assertThat(p.getMetadata().getAnnotations()).doesNotContainKey(VolumeBackup.GROUP_BACKUP_ANNOTATION);
        }).hasSize(2);
        assertThat(client.pods().inNamespace(KvApp.NS).list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("kv-0", "kv-1");
        assertThat(client.secrets().inNamespace(KvApp.NS).list().getItems()).isEmpty();
        assertThat(client.serviceAccounts().inNamespace(KvApp.NS).list().getItems()).isEmpty();
    }
}
