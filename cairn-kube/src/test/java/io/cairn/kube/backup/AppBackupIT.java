package io.cairn.kube.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.kube.selection.BackupRequest;
import io.cairn.kube.testing.DiscoveryFixture;
import io.cairn.kube.testing.ShopFixture;
import io.cairn.kube.testing.TestRepository;
import io.cairn.kube.testing.TreeReader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@EnableKubernetesMockClient(crud = true)
class AppBackupIT {
    KubernetesMockServer server;
    KubernetesClient client;
    @RegisterExtension
    final TestRepository repo = new TestRepository();

    @BeforeEach
    void setUp() throws Exception {
        DiscoveryFixture.stub(server);
        ShopFixture.create(client);
    }

    @Test
    void wordpressBackupCapturesExactlyItsClosureAndNotTheOtherAppsInTheNamespace() throws Exception {
        BackupRequest request = BackupRequest.builder("wp-1").app("shop", "deployment/wordpress").build();

        BackupResult result = new BackupRunner(client).run(request, repo.blobs());

        assertThat(paths(written(result))).containsExactlyInAnyOrder(
                "resources/_cluster/core/namespaces/shop.json",
                "resources/_cluster/core/persistentvolumes/pv-wp-content.json",
                "resources/_cluster/storage.k8s.io/storageclasses/standard.json",
                "resources/_cluster/rbac.authorization.k8s.io/clusterroles/node-reader.json",
                "resources/_cluster/rbac.authorization.k8s.io/clusterrolebindings/wordpress-node-reader.json",
                "resources/shop/apps/deployments/wordpress.json",
                "resources/shop/apps/replicasets/wordpress-5d8f7c9b4.json",
                "resources/shop/core/pods/wordpress-5d8f7c9b4-x2xkq.json",
                "resources/shop/core/persistentvolumeclaims/wp-content.json",
                "resources/shop/core/configmaps/wordpress-config.json",
                "resources/shop/core/configmaps/wordpress-env.json",
                "resources/shop/core/secrets/mariadb-credentials.json",
                "resources/shop/core/secrets/registry-creds.json",
                "resources/shop/core/serviceaccounts/wordpress.json",
                "resources/shop/rbac.authorization.k8s.io/roles/wordpress-reader.json",
                "resources/shop/rbac.authorization.k8s.io/rolebindings/wordpress-reader-binding.json",
                "resources/shop/core/services/wordpress.json",
                "resources/shop/networking.k8s.io/ingresses/wordpress.json",
                "resources/shop/networking.k8s.io/networkpolicies/wordpress-allow-http.json",
                "resources/shop/networking.k8s.io/networkpolicies/default-deny.json",
                "resources/shop/policy/poddisruptionbudgets/wordpress.json",
                "resources/shop/autoscaling/horizontalpodautoscalers/wordpress.json");
        assertThat(result.manifest().phase()).isEqualTo(BackupPhase.COMPLETED);
        assertThat(result.manifest().errors()).isEmpty();
        assertThat(reasons(written(result), "persistentvolumeclaims", "wp-content"))
                .containsExactlyInAnyOrder("mounted by deployment/wordpress",
                        "mounted by pod wordpress-5d8f7c9b4-x2xkq of deployment/wordpress");
        assertThat(reasons(written(result), "secrets", "mariadb-credentials"))
                .contains("read by deployment/wordpress (env WORDPRESS_DB_PASSWORD)");
        assertThat(reasons(written(result), "horizontalpodautoscalers", "wordpress")).containsExactly("scales deployment/wordpress");
        assertThat(result.manifest().counts()).containsEntry("configmaps", 2L).containsEntry("secrets", 2L);
        assertThat(result.manifest().cluster().serverVersion()).isEqualTo("v1.31.2");

        repo.blobs().flush();

        Map<String, byte[]> files = TreeReader.files(repo.blobs(), result.tree());
        assertThat(files.keySet()).containsAll(paths(written(result))).contains("backup.json");
        assertThat(files).hasSize(written(result).items().size() + 1);
        JsonNode stored = CollectionLister.MAPPER.readTree(files.get("resources/shop/apps/deployments/wordpress.json"));
        JsonNode fromApi = CollectionLister.MAPPER.readTree(client.raw("/apis/apps/v1/namespaces/shop/deployments/wordpress"));
        assertThat(stored).isEqualTo(fromApi);
        assertThat(BackupManifest.parse(files.get("backup.json")).withoutItems()).isEqualTo(result.manifest());
        assertThat(result.manifest().objectCount()).isEqualTo(written(result).items().size());
        assertThat(BackupManifest.load(repo.blobs(), result.tree()).withoutItems()).isEqualTo(result.manifest());
    }

    @Test
    void statefulSetBackupTakesClaimTemplatePvcsTheirVolumesAndStorageClass() throws Exception {
        BackupPlan plan = new BackupRunner(client).plan(
                BackupRequest.builder("cassandra").app("data", "statefulset/cassandra").build());

        assertThat(plan.objects().stream().map(i -> i.kind() + "/" + i.name()))
                .containsExactlyInAnyOrder("Namespace/data", "StatefulSet/cassandra", "ServiceAccount/default",
                        "ConfigMap/cassandra-env", "Service/cassandra", "StorageClass/fast",
                        "Pod/cassandra-0", "Pod/cassandra-1", "Pod/cassandra-2",
                        "PersistentVolumeClaim/data-cassandra-0", "PersistentVolumeClaim/data-cassandra-1",
                        "PersistentVolumeClaim/data-cassandra-2",
                        "PersistentVolume/pv-cassandra-0", "PersistentVolume/pv-cassandra-1", "PersistentVolume/pv-cassandra-2");
        ManifestItem pvc = plan.objects().stream().filter(i -> i.name().equals("data-cassandra-1")).findFirst().orElseThrow();
        assertThat(pvc.reasons()).containsExactlyInAnyOrder("mounted by pod cassandra-1 of statefulset/cassandra",
                "volumeClaimTemplate data of statefulset/cassandra");
        assertThat(plan.warnings()).isEmpty();
        assertThat(pvc.describe()).isEqualTo("persistentvolumeclaim data/data-cassandra-1: volumeClaimTemplate data"
                + " of statefulset/cassandra; mounted by pod cassandra-1 of statefulset/cassandra");
    }

    @Test
    void customResourceAppTakesItsCrdAndTheWorkloadsItOwns() throws Exception {
        BackupResult result = new BackupRunner(client).run(
                BackupRequest.builder("sessions").app("cache", "memcached/sessions").build(), repo.blobs());

        assertThat(paths(written(result))).containsExactlyInAnyOrder(
                "resources/_cluster/core/namespaces/cache.json",
                "resources/_cluster/apiextensions.k8s.io/customresourcedefinitions/memcacheds.cache.example.com.json",
                "resources/cache/cache.example.com/memcacheds/sessions.json",
                "resources/cache/apps/statefulsets/sessions.json",
                "resources/cache/core/pods/sessions-0.json",
                "resources/cache/core/serviceaccounts/default.json");
        ManifestItem cr = written(result).items().stream().filter(i -> i.kind().equals("Memcached")).findFirst().orElseThrow();
        assertThat(cr.version()).isEqualTo("v1");
        assertThat(reasons(written(result), "customresourcedefinitions", "memcacheds.cache.example.com"))
                .containsExactly("definition of Memcached");
    }

    @Test
    void selectorPicksAppsAndTheirClosure() throws Exception {
        BackupPlan plan = new BackupRunner(client).plan(BackupRequest.builder("db").includeNamespaces("shop")
                .selector("app in (mariadb, cassandra)").selectApps(true).build());

        Set<String> names = plan.objects().stream().map(i -> i.kind() + "/" + i.name()).collect(Collectors.toSet());
        assertThat(names).contains("StatefulSet/mariadb", "Pod/mariadb-0", "PersistentVolumeClaim/data-mariadb-0",
                "ConfigMap/mariadb-config", "Secret/mariadb-credentials", "Service/mariadb",
                "NetworkPolicy/mariadb-from-wordpress");
        assertThat(names).doesNotContain("Deployment/wordpress", "Deployment/exporter", "StatefulSet/cassandra",
                "ConfigMap/wordpress-config");
    }

    @Test
    void excludeLabelKeepsAnObjectOutOfTheClosure() throws Exception {
        client.secrets().inNamespace("shop").withName("registry-creds")
                .edit(s -> { s.getMetadata().setLabels(Map.of(BackupRequest.EXCLUDE_LABEL, "true")); return s; });
        BackupPlan plan = new BackupRunner(client).plan(BackupRequest.builder("wp").app("shop", "deployment/wordpress").build());

        assertThat(plan.objects()).extracting(ManifestItem::name).contains("mariadb-credentials").doesNotContain("registry-creds");
    }

    @Test
    void unknownKindOrMissingAppIsAnErrorAndTheOtherAppsAreStillCaptured() throws Exception {
        BackupResult result = new BackupRunner(client).run(BackupRequest.builder("mixed")
                .app("shop", "frobnicator/x").app("shop", "deployment/missing").app("shop", "statefulset/mariadb").build(), repo.blobs());

        assertThat(result.manifest().errors()).extracting(ItemProblem::message).containsExactlyInAnyOrder(
                "unknown kind 'frobnicator': the cluster serves no such resource type",
                "Deployment 'missing' not found in namespace shop");
        assertThat(result.manifest().phase()).isEqualTo(BackupPhase.PARTIALLY_FAILED);
        assertThat(written(result).items()).extracting(ManifestItem::name).contains("mariadb", "mariadb-0");
    }

    @Test
    void runWithASnapshotWriterFlushesThenSavesATaggedSnapshotOfTheTree() throws Exception {
        List<io.cairn.repository.snapshot.Snapshot> saved = new java.util.ArrayList<>();
        BackupResult result = new BackupRunner(client).run(BackupRequest.builder("db").app("shop", "statefulset/mariadb").build(),
                repo.blobs(), s -> {
                    saved.add(s);
                    // the tree is durable (packed and indexed) before the snapshot that names it is written
                    assertThat(repo.blobs().lookup(io.cairn.repository.BlobType.TREE, s.tree())).isNotNull();
                    return io.cairn.repository.Id.hash(new byte[] {1});
                }, "prod-eu");

        assertThat(saved).singleElement().satisfies(s -> {
            assertThat(s.tree()).isEqualTo(result.tree());
            assertThat(s.hostname()).isEqualTo("prod-eu");
            assertThat(s.tags()).containsExactly("cairn", "backup=db");
            assertThat(s.time()).isEqualTo(result.manifest().startTime());
        });
        assertThat(result.snapshot()).isEqualTo(io.cairn.repository.Id.hash(new byte[] {1}));
    }

    @Test
    void bindingsInOtherNamespacesAndServiceAccountGroupsGrantTheAppsAccountToo() throws Exception {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("monitoring").endMetadata().build()).create();
        client.rbac().roles().inNamespace("monitoring").resource(new io.fabric8.kubernetes.api.model.rbac.RoleBuilder()
                .withNewMetadata().withName("metrics-reader").withNamespace("monitoring").endMetadata()
                .addNewRule().withApiGroups("").withResources("configmaps").withVerbs("get").endRule().build()).create();
        client.rbac().roleBindings().inNamespace("monitoring").resource(new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
                .withNewMetadata().withName("wordpress-reads-metrics").withNamespace("monitoring").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "metrics-reader")
                .addNewSubject().withKind("ServiceAccount").withName("wordpress").withNamespace("shop").endSubject().build()).create();
        client.rbac().roleBindings().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
                .withNewMetadata().withName("all-accounts-view").withNamespace("shop").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "node-reader")
                .addNewSubject().withKind("Group").withName("system:serviceaccounts:shop").endSubject().build()).create();
        client.rbac().roleBindings().inNamespace("monitoring").resource(new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
                .withNewMetadata().withName("someone-else").withNamespace("monitoring").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "metrics-reader")
                .addNewSubject().withKind("ServiceAccount").withName("wordpress").withNamespace("blog").endSubject().build()).create();

        BackupResult result = new BackupRunner(client).run(
                BackupRequest.builder("wp-rbac").app("shop", "deployment/wordpress").build(), repo.blobs());

        assertThat(paths(written(result))).contains(
                        "resources/monitoring/rbac.authorization.k8s.io/rolebindings/wordpress-reads-metrics.json",
                        "resources/monitoring/rbac.authorization.k8s.io/roles/metrics-reader.json",
                        "resources/shop/rbac.authorization.k8s.io/rolebindings/all-accounts-view.json")
                .doesNotContain("resources/monitoring/rbac.authorization.k8s.io/rolebindings/someone-else.json");
    }

    static List<String> paths(BackupManifest m) {
        return m.items().stream().map(ManifestItem::path).toList();
    }

    static List<String> reasons(BackupManifest m, String resource, String name) {
        return m.items().stream().filter(i -> i.resource().equals(resource) && i.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(resource + "/" + name + " not captured")).reasons();
    }

    /** backup.json as stored in the tree (the run's own manifest has no item list). */
    private BackupManifest written(BackupResult result) throws java.io.IOException {
        repo.blobs().flush();
        return BackupManifest.load(repo.blobs(), result.tree());
    }
}
