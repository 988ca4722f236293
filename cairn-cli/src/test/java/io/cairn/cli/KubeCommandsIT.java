package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.kube.testing.DiscoveryFixture;
import io.cairn.kube.testing.ShopFixture;
import io.cairn.repository.Json;
import io.cairn.repository.testing.ResticCli;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn backup} and {@code cairn restore} end to end: the CLI talks to fabric8's mock API server through
 * a kubeconfig, writes a real repository, and restic (the format oracle) accepts what it wrote.
 */
@EnableKubernetesMockClient(crud = true)
class KubeCommandsIT {
    private static final String PASSWORD = "kube-commands-password";

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;
    Path repo;
    Path kubeconfig;
    CairnRunner cairn;

    @BeforeEach
    void setUp() throws Exception {
        DiscoveryFixture.stub(server);
        ShopFixture.create(client);
        repo = tmp.resolve("repo");
        cairn = new CairnRunner(repo, Files.writeString(tmp.resolve("pw"), PASSWORD));
        kubeconfig = Files.writeString(tmp.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: prod-east
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                contexts:
                - name: mock
                  context:
                    cluster: prod-east
                    user: tester
                current-context: mock
                users:
                - name: tester
                  user:
                    token: test-token
                """.formatted(client.getConfiguration().getMasterUrl()));
        ok("repo", "init");
    }

    private CairnRunner.Result ok(String... args) {
        CairnRunner.Result r = cairn.run(args);
        assertThat(r.exitCode()).as("cairn %s:%n%s%n%s", String.join(" ", args), r.stdout(), r.stderr()).isZero();
        return r;
    }

    private String[] withKube(String... args) {
        String[] out = new String[args.length + 2];
        System.arraycopy(args, 0, out, 0, args.length);
        out[args.length] = "--kubeconfig";
        out[args.length + 1] = kubeconfig.toString();
        return out;
    }

    @Test
    void backUpAnAppDeleteItRestoreItAndRestoreACopyBesideIt() throws Exception {
        Deployment original = client.apps().deployments().inNamespace("shop").withName("wordpress").get();
        ConfigMap originalConfig = client.configMaps().inNamespace("shop").withName("wordpress-config").get();

        String create = ok(withKube("backup", "create", "wp", "--volume-method", "skip", "--app", "deployment/wordpress", "-n", "shop")).stdout();
        assertThat(create).contains("backup wp: completed, 22 objects");

        JsonNode list = Json.MAPPER.readTree(ok("backup", "list", "-o", "json").stdout());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("name").asText()).isEqualTo("wp");
        assertThat(list.get(0).get("cluster").asText()).isEqualTo("prod-east");
        assertThat(ok("backup", "describe", "wp", "--details").stdout())
                .contains("Objects:     22")
                .contains("persistentvolumeclaim shop/wp-content");

        // The backup is a restic snapshot with the documented layout.
        ResticCli restic = new ResticCli(repo);
        restic.run(PASSWORD, "check", "--read-data");
        assertThat(restic.run(PASSWORD, "ls", "latest")).contains("/backup.json").contains("/resources/shop/apps/deployments/wordpress.json");

        // Lose the app, then restore it.
        client.apps().deployments().inNamespace("shop").withName("wordpress").delete();
        client.configMaps().inNamespace("shop").withName("wordpress-config").delete();
        client.services().inNamespace("shop").withName("wordpress").delete();
        CairnRunner.Result restore = cairn.run(withKube("restore", "create", "wp-back", "--from-backup", "wp"));
        assertThat(restore.exitCode()).as(restore.stdout() + restore.stderr()).isZero();
        assertThat(restore.stdout()).contains("0 failed");

        Deployment restored = client.apps().deployments().inNamespace("shop").withName("wordpress").get();
        assertThat(restored).isNotNull();
        assertThat(restored.getSpec()).isEqualTo(original.getSpec());
        assertThat(restored.getMetadata().getLabels()).containsEntry("cairn.io/backup", "wp").containsEntry("cairn.io/restore", "wp-back");
        assertThat(client.configMaps().inNamespace("shop").withName("wordpress-config").get().getData())
                .isEqualTo(originalConfig.getData());
        Service service = client.services().inNamespace("shop").withName("wordpress").get();
        assertThat(service).isNotNull();
        assertThat(service.getSpec().getClusterIP()).as("cluster IP is assigned anew").isNull();

        String describe = ok("restore", "describe", "wp-back").stdout();
        assertThat(describe).contains("Status:    completed").contains("already exists");

        // A copy in a mapped namespace, while the original still exists.
        ok(withKube("restore", "create", "wp-copy", "--from-backup", "wp", "--namespace-mapping", "shop:shop-copy"));
        assertThat(client.apps().deployments().inNamespace("shop-copy").withName("wordpress").get()).isNotNull();
        RoleBinding binding = client.rbac().roleBindings().inNamespace("shop-copy").withName("wordpress-reader-binding").get();
        assertThat(binding.getSubjects().get(0).getNamespace()).isEqualTo("shop-copy");
        assertThat(client.apps().deployments().inNamespace("shop").withName("wordpress").get()).isNotNull();
    }

    @Test
    void releaseDeletesTheVolumeTemporariesACrashedBackupLeft() throws Exception {
        java.util.Map<String, String> labels = java.util.Map.of("cairn.io/backup", "crashed", "cairn.io/temporary", "true");
        var snapshots = client.genericKubernetesResources(new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshot").withPlural("volumesnapshots")
                .withNamespaced(true).build());
        snapshots.inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                .withApiVersion("snapshot.storage.k8s.io/v1").withKind("VolumeSnapshot").withNewMetadata()
                .withName("cairn-crashed-wp-content").withLabels(labels).endMetadata().build()).create();
        client.persistentVolumeClaims().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("cairn-crashed-wp-content").withLabels(labels).endMetadata().withNewSpec()
                .withAccessModes("ReadWriteOnce").endSpec().build()).create();
        client.pods().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
                .withName("cairn-crashed-wp-content").withLabels(labels).endMetadata().withNewSpec().addNewContainer()
                .withName("mover").withImage("cairn").endContainer().endSpec().build()).create();
        client.secrets().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                .withName("cairn-crashed-mover").withLabels(labels).endMetadata().build()).create();
        client.serviceAccounts().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata().withName("cairn-crashed-mover").withLabels(labels).endMetadata().build()).create();
        // a restored object carries cairn.io/backup too: not a temporary
        client.secrets().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                .withName("restored").addToLabels("cairn.io/backup", "crashed").addToLabels("cairn.io/restore", "r")
                .endMetadata().build()).create();

        CairnRunner.Result release = ok(withKube("backup", "release", "crashed"));

        assertThat(release.stdout()).contains("removed VolumeSnapshot shop/cairn-crashed-wp-content",
                "removed PersistentVolumeClaim shop/cairn-crashed-wp-content", "removed Pod shop/cairn-crashed-wp-content",
                "removed Secret shop/cairn-crashed-mover", "removed ServiceAccount shop/cairn-crashed-mover",
                "backup crashed: 0 pods released, 5 temporaries removed");
        assertThat(snapshots.inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace("shop").withName("restored").get()).isNotNull();
        assertThat(client.secrets().inNamespace("shop").withName("cairn-crashed-mover").get()).isNull();
        assertThat(ok(withKube("backup", "release", "crashed")).stdout()).contains("0 temporaries removed");
    }

    @Test
    void dryRunsWriteNothingAndBadInputIsOneLine() throws Exception {
        String plan = ok(withKube("backup", "create", "db", "--app", "statefulset/cassandra", "-n", "data", "--dry-run")).stdout();
        assertThat(plan).contains("persistentvolumeclaim data/data-cassandra-1").contains("objects would be backed up");
        assertThat(Json.MAPPER.readTree(ok("backup", "list", "-o", "json").stdout())).isEmpty();

        CairnRunner.Result badSelector = cairn.run(withKube("backup", "create", "x", "--selector", "app in (a"));
        assertThat(badSelector.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badSelector.stderr().strip()).doesNotContain("\n");

        CairnRunner.Result badName = cairn.run(withKube("backup", "create", "Bad_Name"));
        assertThat(badName.exitCode()).isEqualTo(ExitCode.USAGE);

        CairnRunner.Result noBackup = cairn.run(withKube("restore", "create", "r", "--from-backup", "nope"));
        assertThat(noBackup.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(noBackup.stderr()).contains("no backup named 'nope'");

        CairnRunner.Result badMapping = cairn.run(withKube("restore", "create", "r", "--from-backup", "wp", "--namespace-mapping", "shop"));
        assertThat(badMapping.exitCode()).isEqualTo(ExitCode.USAGE);

        ok(withKube("backup", "create", "all", "--volume-method", "skip", "--include-namespaces", "shop,data"));
        CairnRunner.Result again = cairn.run(withKube("backup", "create", "all"));
        assertThat(again.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(again.stderr()).contains("already exists");
        ok("backup", "delete", "all");
        assertThat(Json.MAPPER.readTree(ok("backup", "list", "-o", "json").stdout())).isEmpty();
    }

    @Test
    void aBackupWithRulesFlushesTheCassandraPodsAndDescribeShowsTheFreezeWindow() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.expect().get().withPath("/api/v1/namespaces/data/pods/cassandra-" + i
                            + "/exec?command=nodetool&command=flush&container=cassandra&stdout=true&stderr=true")
                    .andUpgradeToWebSocket().open(new OutputStreamMessage("ok\n"), new StatusStreamMessage(0)).done().once();
        }
        Path rules = Files.writeString(tmp.resolve("rules.yaml"), """
                rules:
                - {name: cassandra, template: cassandra, selector: app=cassandra, container: cassandra, required: true}
                """);

        ok(withKube("backup", "create", "db", "--volume-method", "skip", "--app", "statefulset/cassandra", "-n", "data", "--rules", rules.toString()));

        assertThat(ok("backup", "describe", "db").stdout())
                .containsPattern("Rules: +freeze window \\d+ ms \\(snapshot step \\d+ ms\\), snapshot taken, all pods released")
                .contains("data/cassandra-0 (rule cassandra): released", "data/cassandra-2 (rule cassandra): released")
                .contains("pre  nodetool flush: exit code 0");
        assertThat(ok(withKube("backup", "release", "db")).stderr()).contains("nothing to release");

        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "- {name: x, template: nosuch}\n");
        CairnRunner.Result badRules = cairn.run(withKube("backup", "create", "x", "--rules", bad.toString()));
        assertThat(badRules.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badRules.stderr()).contains("bad.yaml:1: rules[0].template: unknown template 'nosuch'");
    }
}
