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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@EnableKubernetesMockClient(crud = true)
class NamespaceBackupIT {
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
    void namespaceGlobsPickNamespacesAndAutoAddsTheClusterObjectsTheyReference() throws Exception {
        BackupResult result = new BackupRunner(client).run(BackupRequest.builder("ns")
                .includeNamespaces("*").excludeNamespaces("kube-*", "c[a-z]che").build(), repo.blobs());
        BackupManifest m = written(result);

        assertThat(m.items()).allMatch(i -> i.namespace() == null || List.of("shop", "data").contains(i.namespace()));
        assertThat(names(m, "configmaps")).containsExactlyInAnyOrder("wordpress-config", "wordpress-env",
                "mariadb-config", "exporter-config", "cassandra-env");
        assertThat(names(m, "pods")).hasSize(6);
        assertThat(names(m, "namespaces")).containsExactlyInAnyOrder("shop", "data");
        assertThat(names(m, "persistentvolumes")).containsExactlyInAnyOrder("pv-wp-content", "pv-mariadb-0",
                "pv-cassandra-0", "pv-cassandra-1", "pv-cassandra-2");
        assertThat(names(m, "storageclasses")).containsExactlyInAnyOrder("standard", "fast");
        assertThat(names(m, "clusterrolebindings")).containsExactlyInAnyOrder("wordpress-node-reader", "exporter-admin");
        assertThat(names(m, "clusterroles")).containsExactlyInAnyOrder("node-reader", "unrelated-admin");
        assertThat(names(m, "customresourcedefinitions")).isEmpty();
        assertThat(names(m, "memcacheds")).isEmpty();
        assertThat(m.phase()).isEqualTo(BackupPhase.COMPLETED);
        assertThat(m.warnings()).isEmpty();

        repo.blobs().flush();

        Map<String, byte[]> files = TreeReader.files(repo.blobs(), result.tree());
        for (ManifestItem item : m.items()) {
            JsonNode stored = CollectionLister.MAPPER.readTree(files.get(item.path()));
            String path = (item.group().isEmpty() ? "/api/" : "/apis/" + item.group() + "/") + item.version()
                    + (item.namespace() == null ? "" : "/namespaces/" + item.namespace()) + "/" + item.resource() + "/" + item.name();
            assertThat(stored).as(item.path()).isEqualTo(CollectionLister.MAPPER.readTree(client.raw(path)));
        }
    }

    @Test
    void selectorsAreAndedWithinAndOredAcrossAndEvaluatedClientSide() throws Exception {
        BackupPlan plan = new BackupRunner(client).plan(BackupRequest.builder("sel").includeNamespaces("shop")
                .selector("tier=frontend, app in (wordpress)").selector("app notin (wordpress,mariadb),app").build());

        assertThat(plan.objects()).extracting(i -> i.kind() + "/" + i.name()).containsExactlyInAnyOrder(
                "Namespace/shop",
                "Deployment/wordpress", "ReplicaSet/wordpress-5d8f7c9b4", "Pod/wordpress-5d8f7c9b4-x2xkq",
                "Deployment/exporter", "ReplicaSet/exporter-7f9c", "Pod/exporter-7f9c-abcde");
        assertThat(plan.objects()).filteredOn(i -> i.name().equals("exporter"))
                .allMatch(i -> i.reasons().equals(List.of("in namespace shop, labels match 'app notin (wordpress,mariadb),app'")));
    }

    @Test
    void excludeLabelAlwaysExcludesAndResourceTypesFilter() throws Exception {
        client.configMaps().inNamespace("shop").withName("exporter-config")
                .edit(c -> { c.getMetadata().setLabels(Map.of(BackupRequest.EXCLUDE_LABEL, "true")); return c; });
        BackupPlan plan = new BackupRunner(client).plan(BackupRequest.builder("x").includeNamespaces("shop")
                .includeResources("configmaps", "deploy*.apps", "secrets").excludeResources("secrets").build());

        assertThat(plan.objects()).extracting(i -> i.kind() + "/" + i.name()).containsExactlyInAnyOrder(
                "ConfigMap/wordpress-config", "ConfigMap/wordpress-env", "ConfigMap/mariadb-config",
                "Deployment/wordpress", "Deployment/exporter");
    }

    @Test
    void forbiddenTypeIsAWarningNamingItAndTheRestIsCaptured() throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/shop/secrets?limit=500").andReturn(403, """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"secrets is forbidden: \
                User \\"system:serviceaccount:cairn:cairn\\" cannot list resource \\"secrets\\" in API group \\"\\" in the \
                namespace \\"shop\\"","reason":"Forbidden","details":{"kind":"secrets"},"code":403}""").always();
        BackupResult result = new BackupRunner(client).run(
                BackupRequest.builder("nosecrets").includeNamespaces("shop").build(), repo.blobs());

        assertThat(names(written(result), "secrets")).isEmpty();
        assertThat(names(written(result), "configmaps")).hasSize(4);
        assertThat(result.manifest().warnings()).singleElement().satisfies(w -> {
            assertThat(w.resource()).isEqualTo("secrets");
            assertThat(w.namespace()).isEqualTo("shop");
            assertThat(w.missed()).isTrue();
            assertThat(w.message()).startsWith("forbidden: cannot list secrets in namespace shop")
                    .contains("cannot list resource \"secrets\"");
        });
        assertThat(result.manifest().phase()).isEqualTo(BackupPhase.PARTIALLY_FAILED);
    }

    @Test
    void listsFollowContinueTokensAndItemsGetTheirTypeBack() throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/paged/configmaps?limit=2").andReturn(200, """
                {"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"100","continue":"tok-1"},
                 "items":[{"metadata":{"name":"a","namespace":"paged","resourceVersion":"7"},"data":{"k":"1.10"}},
                          {"metadata":{"name":"b","namespace":"paged"},"data":{"k":"2"}}]}""").always();
        server.expect().get().withPath("/api/v1/namespaces/paged/configmaps?limit=2&continue=tok-1").andReturn(200, """
                {"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"100"},
                 "items":[{"metadata":{"name":"c","namespace":"paged"},"binaryData":{"x":"AAE="},"n":1.10}]}""").always();
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("paged").endMetadata().build()).create();
        BackupResult result = new BackupRunner(client, BackupOptions.DEFAULTS.withPageSize(2), BackupListener.NONE)
                .run(BackupRequest.builder("paged").includeNamespaces("paged").includeResources("configmaps").build(), repo.blobs());

        assertThat(names(written(result), "configmaps")).containsExactly("a", "b", "c");
        repo.blobs().flush();
        Map<String, byte[]> files = TreeReader.files(repo.blobs(), result.tree());
        assertThat(new String(files.get("resources/paged/core/configmaps/a.json"))).isEqualTo(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"namespace\":\"paged\","
                        + "\"resourceVersion\":\"7\"},\"data\":{\"k\":\"1.10\"}}");
        assertThat(new String(files.get("resources/paged/core/configmaps/c.json"))).endsWith("\"n\":1.10}");
    }

    @Test
    void unknownNamespaceAndResourceTypeAreWarnings() throws Exception {
        BackupPlan plan = new BackupRunner(client).plan(BackupRequest.builder("typo")
                .includeNamespaces("shop", "shopp").includeResources("configmaps", "frobs").build());

        assertThat(plan.warnings()).extracting(ItemProblem::describe).containsExactlyInAnyOrder(
                "frobs: resource type 'frobs' is not served by this cluster",
                "namespace shopp: namespace not found");
        assertThat(plan.objects()).extracting(ManifestItem::resource).containsOnly("configmaps");
    }

    @Test
    void includeClusterResourcesTrueTakesEveryClusterScopedTypeExceptNodeState() throws Exception {
        BackupPlan plan = new BackupRunner(client).plan(BackupRequest.builder("all").includeNamespaces("kube-system")
                .includeClusterResources("true").build());

        assertThat(plan.objects()).filteredOn(i -> i.namespace() == null).extracting(i -> i.kind() + "/" + i.name())
                .contains("StorageClass/standard", "StorageClass/fast", "ClusterRole/unrelated-admin",
                        "CustomResourceDefinition/memcacheds.cache.example.com", "PersistentVolume/pv-cassandra-2",
                        "Namespace/kube-system")
                .doesNotContain("Namespace/shop");
        assertThat(plan.objects()).filteredOn(i -> i.namespace() != null).extracting(ManifestItem::name)
                .containsExactlyInAnyOrder("coredns", "default");
    }

    static List<String> names(BackupManifest m, String resource) {
        return m.items().stream().filter(i -> i.resource().equals(resource)).map(ManifestItem::name).toList();
    }

    static List<String> names(BackupPlan p, String resource) {
        return p.objects().stream().filter(i -> i.resource().equals(resource)).map(ManifestItem::name).toList();
    }

    /** backup.json as stored in the tree (the run's own manifest has no item list). */
    private BackupManifest written(BackupResult result) throws java.io.IOException {
        repo.blobs().flush();
        return BackupManifest.load(repo.blobs(), result.tree());
    }
}
