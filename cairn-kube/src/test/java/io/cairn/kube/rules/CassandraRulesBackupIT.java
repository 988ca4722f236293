package io.cairn.kube.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kube.backup.BackupManifest;
import io.cairn.kube.backup.BackupPhase;
import io.cairn.kube.backup.BackupResult;
import io.cairn.kube.backup.BackupRunner;
import io.cairn.kube.selection.BackupRequest;
import io.cairn.kube.testing.DiscoveryFixture;
import io.cairn.kube.testing.TestRepository;
import io.cairn.repository.BlobStore;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.cairn.kube.testing.ShopFixture;
import io.cairn.kube.testing.TreeReader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The check of the issue: backing up the Cassandra StatefulSet of three with {@code template: cassandra} flushes all
 * three pods (exec served by the mock API server) before the snapshot step, and the report has the freeze window.
 */
@EnableKubernetesMockClient(crud = true)
class CassandraRulesBackupIT {
    private static final String RULES = """
            rules:
            - name: cassandra
              template: cassandra
              namespaces: [data]
              selector: app=cassandra
              container: cassandra
              required: true
            """;

    KubernetesMockServer server;
    KubernetesClient client;
    @RegisterExtension
    final TestRepository repo = new TestRepository();

    @BeforeEach
    void setUp() {
        DiscoveryFixture.stub(server);
        ShopFixture.create(client);
    }

    @Test
    void allThreeCassandraPodsAreFlushedBeforeTheSnapshotStepAndTheReportHasTheFreezeWindow() throws Exception {
        for (int i = 0; i < 3; i++) {
            Fabric8PodCommandExecutorIT.expectExec(server, new PodRef("data", "cassandra-" + i), "cassandra",
                    "flushed cassandra-" + i + "\n", 0, "nodetool", "flush");
        }
        AtomicReference<OffsetDateTime> snapshotAt = new AtomicReference<>();
        AtomicReference<List<String>> recordedDuringSnapshot = new AtomicReference<>();
        BackupRunner runner = new BackupRunner(client)
                .withRules(RulesRunner.forCluster(client, RulesParser.parse(RULES, "rules.yaml"), null))
                .withVolumeSnapshotter((backup, claims) -> {
                    snapshotAt.set(OffsetDateTime.now());
                    recordedDuringSnapshot.set(new ConfigMapQuiesceRecordStore(client, null).read(backup).orElseThrow()
                            .pods().stream().map(QuiesceRecord.RecordedPod::pod).toList());
                });
        BlobStore store = repo.blobs();

        BackupResult result = runner.run(BackupRequest.builder("cassandra-1").app("data", "statefulset/cassandra").build(), store);

        RulesReport rules = result.manifest().rules();
        assertThat(result.manifest().phase()).isEqualTo(BackupPhase.COMPLETED);
        assertThat(rules.snapshotTaken()).isTrue();
        assertThat(rules.errors()).isEmpty();
        assertThat(rules.pods()).extracting(PodReport::pod).containsExactly("cassandra-0", "cassandra-1", "cassandra-2");
        for (PodReport pod : rules.pods()) {
            ActionReport flush = pod.actions().get(0);
            assertThat(flush.command()).containsExactly("nodetool", "flush");
            assertThat(flush.exitCode()).isZero();
            assertThat(flush.stdout()).isEqualTo("flushed " + pod.pod() + "\n");
            assertThat(flush.end()).isBeforeOrEqualTo(rules.snapshotStart());
            assertThat(pod.status()).isEqualTo(PodReport.RELEASED);
        }
        assertThat(rules.snapshotStart()).isBeforeOrEqualTo(snapshotAt.get());
        assertThat(rules.freezeWindowMillis()).isGreaterThanOrEqualTo(rules.snapshotMillis()).isGreaterThanOrEqualTo(0);
        assertThat(rules.freezeStart()).isNotNull();
        assertThat(recordedDuringSnapshot.get()).containsExactly("cassandra-0", "cassandra-1", "cassandra-2");
        assertThat(client.configMaps().inNamespace("data").withName("cairn-quiesce-cassandra-1").get()).as("record deleted").isNull();

        store.flush();
        BackupManifest stored = BackupManifest.parse(TreeReader.files(store, result.tree()).get("backup.json"));
        assertThat(stored.rules()).isEqualTo(rules);
    }

    @Test
    void aFlushThatFailsOnOnePodFailsTheBackupAfterReleasingAndRecordsTheCause() throws Exception {
        Fabric8PodCommandExecutorIT.expectExec(server, new PodRef("data", "cassandra-0"), "cassandra", "", 0, "nodetool", "flush");
        Fabric8PodCommandExecutorIT.expectExec(server, new PodRef("data", "cassandra-1"), "cassandra", "", 0, "nodetool", "flush");
        Fabric8PodCommandExecutorIT.expectExec(server, new PodRef("data", "cassandra-2"), "cassandra", "", 127, "nodetool", "flush");
        BackupRunner runner = new BackupRunner(client)
                .withRules(RulesRunner.forCluster(client, RulesParser.parse(RULES, "rules.yaml"), "data"));

        BackupResult result = runner.run(BackupRequest.builder("cassandra-2").app("data", "statefulset/cassandra").build(),
                repo.blobs());

        assertThat(result.manifest().phase()).isEqualTo(BackupPhase.FAILED);
        assertThat(result.manifest().rules().snapshotTaken()).isFalse();
        assertThat(result.manifest().errors()).anyMatch(e -> e.message().contains("pod data/cassandra-2")
                && e.message().contains("command not found"));
        assertThat(client.configMaps().inNamespace("data").withName("cairn-quiesce-cassandra-2").get()).isNull();
    }

    @Test
    void aRequiredRuleThatMatchesNoPodFailsTheBackupAndAnOptionalOneWarns() throws Exception {
        List<Rule> rules = RulesParser.parse("""
                - name: mongo
                  template: mongodb
                  selector: app=mongo
                  required: true
                - name: redis
                  template: redis
                  selector: app=redis
                """, "rules.yaml");

        BackupResult result = new BackupRunner(client).withRules(RulesRunner.forCluster(client, rules, null))
                .run(BackupRequest.builder("nothing").app("data", "statefulset/cassandra").build(), repo.blobs());

        assertThat(result.manifest().phase()).isEqualTo(BackupPhase.FAILED);
        assertThat(result.manifest().rules().errors()).anyMatch(e -> e.contains("rule mongo: no pod in the backup matches selector 'app=mongo'"));
        assertThat(result.manifest().rules().warnings()).anyMatch(e -> e.contains("rule redis"));
    }
}
