package io.cairn.kube.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kube.backup.BackupPhase;
import io.cairn.kube.backup.BackupResult;
import io.cairn.kube.backup.BackupRunner;
import io.cairn.kube.restore.RestoreListener;
import io.cairn.kube.restore.RestoreReport;
import io.cairn.kube.restore.RestoreRequest;
import io.cairn.kube.restore.Restorer;
import io.cairn.kube.restore.VolumeRestoreResult;
import io.cairn.kube.rules.PodReport;
import io.cairn.kube.rules.RulesParser;
import io.cairn.kube.rules.RulesRunner;
import io.cairn.kube.selection.BackupRequest;
import io.cairn.kube.testing.TestRepository;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check: back up a two-replica app with one PVC each, with rules; delete the namespace's objects;
 * restore into a new namespace; the volume directories come back byte-identical, filled before the workloads exist.
 */
@EnableKubernetesMockClient(crud = true)
class VolumeRestoreIT {
    private static final String RULES = """
            - name: freeze
              template: fsfreeze
              params: {mountPath: /data}
              selector: app=kv
              container: kv
              required: true
            """;

    KubernetesMockServer server;
    KubernetesClient client;
    @RegisterExtension
    final TestRepository repo = new TestRepository();
    @TempDir
    Path tmp;
    FakeVolumeCluster cluster;

    @BeforeEach
    void setUp() throws Exception {
        cluster = KvApp.startWithVolumes(server, client, tmp, 20);
    }

    @AfterEach
    void tearDown() throws Exception {
        cluster.close();
        cluster.assertHealthy();
    }

    @Test
    void anAppBackedUpWithRulesComesBackInANewNamespaceWithItsVolumesFilledBeforeItsWorkloads() throws Exception {
        for (String pod : new String[] {"kv-0", "kv-1"}) {
            expectExec(pod, "fsfreeze", "-f", "/data");
            expectExec(pod, "fsfreeze", "-u", "/data");
        }
        BackupResult backup = backup("kv-nightly");
        assertThat(backup.manifest().phase()).as(backup.manifest().errors().toString()).isEqualTo(BackupPhase.COMPLETED);
        assertThat(backup.manifest().rules().snapshotTaken()).isTrue();
        assertThat(backup.manifest().rules().pods()).extracting(PodReport::status).containsOnly(PodReport.RELEASED);
        deleteTheApp();

        RestoreReport report = restore(RestoreRequest.builder("kv-back", "kv-nightly").namespaceMapping("kv:kv-restored"), backup);

        assertThat(report.volumes()).extracting(VolumeRestoreResult::pvc).containsExactly("data-kv-0", "data-kv-1");
        assertThat(report.volumes()).allSatisfy(v -> {
            assertThat(v.error()).isNull();
            assertThat(v.namespace()).isEqualTo("kv-restored");
            assertThat(v.files()).isEqualTo(3);
        });
        assertThat(report.partial()).as(report.results().toString()).isFalse();
        for (int i = 0; i < 2; i++) {
            VolumeTrees.assertSameTree(VolumeTrees.sample(tmp.resolve("expected-" + i), 20 + i),
                    cluster.volume("kv-restored", "data-kv-" + i));
        }
        assertThat(cluster.events).filteredOn(e -> e.startsWith("mover restore"))
                .containsExactlyInAnyOrder("mover restore kv-restored/data-kv-0 (workload pods: 0)",
                        "mover restore kv-restored/data-kv-1 (workload pods: 0)");
        assertThat(client.apps().statefulSets().inNamespace("kv-restored").withName("kv").get()).isNotNull();
        assertThat(cluster.moverPods).filteredOn(p -> "kv-restored".equals(p.getMetadata().getNamespace()))
                .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getVolumeMounts().get(0).getReadOnly()).isFalse());
        assertThat(client.pods().inNamespace("kv-restored").withLabel(MoverPods.COMPONENT_LABEL).list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace("kv-restored").list().getItems()).isEmpty();
    }

    @Test
    void aFullTargetVolumeIsThatVolumesErrorAndTheOtherIsFilled() throws Exception {
        BackupResult backup = new BackupRunner(client)
                .withVolumeSnapshotter(new VolumeBackup(client, VolumeBackupIT.options(repo), ParentTrees.NONE))
                .run(BackupRequest.builder("kv-plain").app(KvApp.NS, "statefulset/kv").build(), repo.blobs(),
                        repo.repository()::saveSnapshot, "test");
        deleteTheApp();
        cluster.fault("data-kv-1", FakeVolumeCluster.Fault.NO_SPACE);

        RestoreReport report = restore(RestoreRequest.builder("kv-back", "kv-plain").namespaceMapping("kv:kv-2"), backup);

        assertThat(report.partial()).isTrue();
        assertThat(report.volumes().get(0).error()).isNull();
        assertThat(report.volumes().get(1).error()).contains("exited with code 1").contains("no space left on device");
        VolumeTrees.assertSameTree(VolumeTrees.sample(tmp.resolve("expected"), 20), cluster.volume("kv-2", "data-kv-0"));
        assertThat(client.pods().inNamespace("kv-2").withLabel(MoverPods.COMPONENT_LABEL).list().getItems()).isEmpty();
    }

    private BackupResult backup(String name) throws Exception {
        return new BackupRunner(client)
                .withRules(RulesRunner.forCluster(client, RulesParser.parse(RULES, "rules.yaml"), null))
                .withVolumeSnapshotter(new VolumeBackup(client, VolumeBackupIT.options(repo), ParentTrees.latestIn(repo.repository(), 20)))
                .run(BackupRequest.builder(name).app(KvApp.NS, "statefulset/kv").build(), repo.blobs(),
                        repo.repository()::saveSnapshot, "test");
    }

    private RestoreReport restore(RestoreRequest.Builder request, BackupResult backup) throws Exception {
        return new Restorer(client, repo.blobs())
                .withVolumeRestorer(new VolumeFiller(client, repo.blobs(), VolumeBackupIT.options(repo)))
                .restore(backup.tree(), request.build(), RestoreListener.NONE);
    }

    /** Deletes the app's objects (the mock API server does not cascade a namespace delete). */
    private void deleteTheApp() {
        client.apps().statefulSets().inNamespace(KvApp.NS).delete();
        client.pods().inNamespace(KvApp.NS).delete();
        client.persistentVolumeClaims().inNamespace(KvApp.NS).delete();
        client.persistentVolumes().delete();
    }

    private void expectExec(String pod, String... argv) {
        StringBuilder s = new StringBuilder("/api/v1/namespaces/" + KvApp.NS + "/pods/" + pod + "/exec?");
        for (String a : argv) {
            s.append("command=").append(URLEncoder.encode(a, StandardCharsets.UTF_8).replace("+", "%20")).append('&');
        }
        s.append("container=kv&stdout=true&stderr=true");
        server.expect().get().withPath(s.toString()).andUpgradeToWebSocket()
                .open(new io.fabric8.kubernetes.client.server.mock.OutputStreamMessage(""),
                        new io.fabric8.kubernetes.client.server.mock.StatusStreamMessage(0))
                .done().once();
    }
}
