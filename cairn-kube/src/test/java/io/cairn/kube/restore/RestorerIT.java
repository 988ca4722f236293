package io.cairn.kube.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.kube.restore.testing.CrdEstablisher;
import io.cairn.kube.restore.testing.ShopBackup;
import io.cairn.kube.testing.TestRepository;
import io.cairn.repository.Id;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@EnableKubernetesMockClient(crud = true)
class RestorerIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RestoreOptions FAST = RestoreOptions.DEFAULTS.withCrdEstablishedTimeout(Duration.ofSeconds(10), Duration.ofMillis(20));

    KubernetesMockServer server;
    KubernetesClient client;

    @RegisterExtension
    final TestRepository repo = new TestRepository();
    private Id backup;
    private CrdEstablisher establisher;

    @BeforeEach
    void setUp() throws Exception {
        backup = ShopBackup.builder().write(repo.blobs());
        establisher = new CrdEstablisher(client, 20);
    }

    @AfterEach
    void tearDown() throws Exception {
        establisher.close();
    }

    private RestoreReport restore(RestoreRequest.Builder request) throws Exception {
        return new Restorer(client, repo.blobs(), FAST).restore(backup, request.build(), RestoreListener.NONE);
    }

    private static RestoreRequest.Builder request() {
        return RestoreRequest.builder("r1", "nightly");
    }

    /** The path of every create (POST) the server received since the last call, in order. */
    private List<String> createPaths() throws Exception {
        List<String> out = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            if (r.getMethod().equals("POST")) {
                out.add(r.getPath());
            }
        }
        return out;
    }

    /** "Kind/name" of the created objects, in the order the report lists them. */
    private static List<String> created(RestoreReport report) {
        return report.results().stream().filter(r -> r.outcome() == Outcome.CREATED).map(r -> r.kind() + "/" + r.name()).toList();
    }

    private GenericKubernetesResource get(String apiVersion, String kind, String ns, String name) {
        return client.genericKubernetesResources(apiVersion, kind).inNamespace(ns).withName(name).get();
    }

    @Test
    void restoresIntoAnEmptyClusterInPriorityOrderAndSkipsWhatControllersRecreate() throws Exception {
        RestoreReport report = restore(request());

        assertThat(createPaths()).containsExactly("/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                "/api/v1/namespaces", "/apis/storage.k8s.io/v1/storageclasses", "/api/v1/persistentvolumes",
                "/api/v1/namespaces/shop/persistentvolumeclaims", "/api/v1/namespaces/shop/persistentvolumeclaims",
                "/api/v1/namespaces/shop/serviceaccounts", "/api/v1/namespaces/shop/serviceaccounts",
                "/api/v1/namespaces/shop/secrets", "/api/v1/namespaces/shop/configmaps",
                "/apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles",
                "/apis/rbac.authorization.k8s.io/v1/namespaces/shop/rolebindings",
                "/api/v1/namespaces/shop/services", "/api/v1/namespaces/shop/services",
                "/apis/apps/v1/namespaces/shop/deployments", "/apis/apps/v1/namespaces/shop/deployments",
                "/apis/apps/v1/namespaces/shop/statefulsets", "/apis/batch/v1/namespaces/shop/cronjobs",
                "/api/v1/namespaces/shop/pods", "/apis/networking.k8s.io/v1/namespaces/shop/ingresses",
                "/apis/example.com/v1/namespaces/shop/widgets");
        assertThat(created(report)).containsExactly(
                "CustomResourceDefinition/widgets.example.com", "Namespace/shop", "StorageClass/fast",
                "PersistentVolume/pv-mariadb", "PersistentVolumeClaim/data-mariadb", "PersistentVolumeClaim/wp-content",
                "ServiceAccount/default", "ServiceAccount/wordpress", "Secret/mariadb-pass", "ConfigMap/wp-config",
                "Role/wp-reader", "RoleBinding/wp-reader", "Service/mariadb", "Service/wordpress",
                "Deployment/mariadb", "Deployment/wordpress", "StatefulSet/redis", "CronJob/db-dump", "Pod/debug",
                "Ingress/wordpress", "Widget/gizmo");
        assertThat(report.phase()).isEqualTo(RestoreReport.Phase.COMPLETED);
        assertThat(report.counts()).isEqualTo(new RestoreCounts(21, 0, 10, 0, 0, 0));
        assertThat(report.results()).filteredOn(r -> r.outcome() == Outcome.SKIPPED)
                .extracting(ObjectResult::kind, ObjectResult::name)
                .containsExactlyInAnyOrder(tuple("Secret", "wordpress-token-x7k2p"), tuple("ConfigMap", "kube-root-ca.crt"),
                        tuple("Endpoints", "wordpress"), tuple("ReplicaSet", "wordpress-6c9f8d7b5"),
                        tuple("ReplicaSet", "mariadb-7d4b9c8f6"), tuple("Pod", "wordpress-6c9f8d7b5-abcde"),
                        tuple("Pod", "mariadb-7d4b9c8f6-fghij"), tuple("Pod", "redis-0"), tuple("Job", "db-dump-29000000"),
                        tuple("Event", "wordpress.17a3c"));
        assertThat(report.results()).filteredOn(r -> r.name().equals("redis-0")).singleElement()
                .extracting(ObjectResult::reason).isEqualTo("owned by StatefulSet redis, which re-creates it");
    }

    @Test
    void restoredObjectsAreSanitised() throws Exception {
        restore(request());

        Service wp = client.services().inNamespace("shop").withName("wordpress").get();
        assertThat(wp.getSpec().getClusterIP()).isNull();
        assertThat(wp.getSpec().getPorts().get(0).getNodePort()).isNull();
        assertThat(wp.getMetadata().getLabels()).containsEntry("cairn.io/backup", "nightly").containsEntry("cairn.io/restore", "r1");
        assertThat(wp.getMetadata().getUid()).isNotEqualTo("v1");
        assertThat(client.services().inNamespace("shop").withName("mariadb").get().getSpec().getClusterIP()).isEqualTo("None");

        PersistentVolumeClaim bound = client.persistentVolumeClaims().inNamespace("shop").withName("data-mariadb").get();
        assertThat(bound.getSpec().getVolumeName()).isEqualTo("pv-mariadb");
        assertThat(bound.getMetadata().getAnnotations()).doesNotContainKeys("pv.kubernetes.io/bind-completed",
                "pv.kubernetes.io/bound-by-controller");
        PersistentVolumeClaim dynamic = client.persistentVolumeClaims().inNamespace("shop").withName("wp-content").get();
        assertThat(dynamic.getSpec().getVolumeName()).isNull();
        assertThat(dynamic.getMetadata().getAnnotations()).isNullOrEmpty();

        var pv = client.persistentVolumes().withName("pv-mariadb").get();
        assertThat(pv.getSpec().getClaimRef().getUid()).isNull();
        assertThat(pv.getSpec().getClaimRef().getNamespace()).isEqualTo("shop");
        assertThat(client.pods().inNamespace("shop").withName("debug").get().getSpec().getNodeName()).isNull();
        assertThat(client.apps().deployments().inNamespace("shop").withName("wordpress").get().getStatus()).isNull();
        GenericKubernetesResource gizmo = get("example.com/v1", "Widget", "shop", "gizmo");
        assertThat(gizmo.getAdditionalProperties()).containsKey("spec").doesNotContainKey("status");
        ConfigMap cm = client.configMaps().inNamespace("shop").withName("wp-config").get();
        assertThat(cm.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cm.getData()).containsEntry("WORDPRESS_DB_HOST", "mariadb");
    }

    @Test
    void namespaceMappingRestoresAlongsideTheOriginal() throws Exception {
        restore(request());
        createPaths();

        RestoreReport mapped = restore(RestoreRequest.builder("r2", "nightly").namespaceMapping("shop:shop-restored"));

        assertThat(mapped.phase()).isEqualTo(RestoreReport.Phase.COMPLETED);
        RoleBinding rb = client.rbac().roleBindings().inNamespace("shop-restored").withName("wp-reader").get();
        assertThat(rb.getSubjects().get(0).getNamespace()).isEqualTo("shop-restored");
        assertThat(client.namespaces().withName("shop-restored").get()).isNotNull();
        assertThat(client.configMaps().inNamespace("shop-restored").withName("wp-config").get()).isNotNull();
        assertThat(client.configMaps().inNamespace("shop").withName("wp-config").get().getMetadata().getLabels())
                .containsEntry("cairn.io/restore", "r1");
        assertThat(mapped.results()).filteredOn(r -> r.outcome() == Outcome.SKIPPED && "already exists".equals(r.reason()))
                .extracting(ObjectResult::name).containsExactlyInAnyOrder("widgets.example.com", "fast", "pv-mariadb");
        assertThat(created(mapped)).contains("Namespace/shop-restored", "Widget/gizmo").doesNotContain("PersistentVolume/pv-mariadb");
        assertThat(createPaths()).contains("/apis/example.com/v1/namespaces/shop-restored/widgets")
                .allMatch(p -> !p.contains("/namespaces/shop/"));
        // pv-mariadb stays bound to the original claim: the copy's claim gets a new volume from its class.
        assertThat(client.persistentVolumeClaims().inNamespace("shop").withName("data-mariadb").get().getSpec().getVolumeName())
                .isEqualTo("pv-mariadb");
        assertThat(client.persistentVolumeClaims().inNamespace("shop-restored").withName("data-mariadb").get().getSpec().getVolumeName())
                .isNull();
    }

    @Test
    void existingObjectsAreSkippedOrUpdatedByPolicy() throws Exception {
        restore(request());
        client.configMaps().inNamespace("shop").withName("wp-config")
                .edit(c -> { c.setData(Map.of("WORDPRESS_DB_HOST", "changed")); return c; });

        RestoreReport none = restore(request().existingResourcePolicy("none"));
        assertThat(none.counts().created()).isZero();
        assertThat(none.results()).filteredOn(r -> r.name().equals("wp-config")).singleElement()
                .extracting(ObjectResult::outcome, ObjectResult::reason).containsExactly(Outcome.SKIPPED, "already exists");
        assertThat(client.configMaps().inNamespace("shop").withName("wp-config").get().getData())
                .containsEntry("WORDPRESS_DB_HOST", "changed");

        RestoreReport update = restore(RestoreRequest.builder("r3", "nightly").existingResourcePolicy("update"));
        assertThat(update.counts().updated()).isEqualTo(21);
        ConfigMap cm = client.configMaps().inNamespace("shop").withName("wp-config").get();
        assertThat(cm.getData()).containsEntry("WORDPRESS_DB_HOST", "mariadb");
        assertThat(cm.getMetadata().getLabels()).containsEntry("cairn.io/restore", "r3");
    }

    @Test
    void aRejectedObjectFailsWithItsReasonAndTheOthersAreRestored() throws Exception {
        server.expect().post().withPath("/api/v1/namespaces/shop/configmaps")
                .andReturn(422, Map.of("apiVersion", "v1", "kind", "Status", "status", "Failure", "code", 422,
                        "reason", "Invalid", "message", "ConfigMap \"wp-config\" is invalid: data: Too long"))
                .once();

        RestoreReport report = restore(request());

        assertThat(report.partial()).isTrue();
        assertThat(report.counts().failed()).isEqualTo(1);
        assertThat(report.counts().created()).isEqualTo(20);
        assertThat(report.results()).filteredOn(r -> r.outcome() == Outcome.FAILED).singleElement()
                .satisfies(r -> {
                    assertThat(r.name()).isEqualTo("wp-config");
                    assertThat(r.httpCode()).isEqualTo(422);
                    assertThat(r.reason()).isEqualTo("HTTP 422: ConfigMap \"wp-config\" is invalid: data: Too long");
                });
        assertThat(client.apps().deployments().inNamespace("shop").withName("wordpress").get()).isNotNull();
    }

    @Test
    void customResourcesFailWhenTheirCrdIsNotEstablishedInTime() throws Exception {
        establisher.close();
        RestoreOptions shortWait = RestoreOptions.DEFAULTS.withCrdEstablishedTimeout(Duration.ofMillis(200), Duration.ofMillis(20));

        RestoreReport report = new Restorer(client, repo.blobs(), shortWait).restore(backup, request().build(), RestoreListener.NONE);

        assertThat(report.partial()).isTrue();
        assertThat(report.results().get(0)).extracting(ObjectResult::name, ObjectResult::outcome, ObjectResult::reason)
                .containsExactly("widgets.example.com", Outcome.CREATED, "not established within PT0.2S");
        assertThat(report.results()).filteredOn(r -> r.outcome() == Outcome.FAILED).singleElement()
                .extracting(ObjectResult::name, ObjectResult::reason)
                .containsExactly("gizmo", "its CustomResourceDefinition widgets.example.com is not established");
        assertThat(report.counts().created()).isEqualTo(20);
    }

    @Test
    void dryRunReportsWouldBeActionsAndWritesNothing() throws Exception {
        RestoreReport plan = restore(request().dryRun(true));

        assertThat(plan.counts()).isEqualTo(new RestoreCounts(0, 0, 10, 0, 21, 0));
        assertThat(plan.results().get(0).name()).isEqualTo("widgets.example.com");
        List<RecordedRequest> writes = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            if (!r.getMethod().equals("GET")) {
                writes.add(r);
            }
        }
        assertThat(writes).isEmpty();
    }

    @Test
    void filtersRestoreASubsetAndCreateTheMissingNamespace() throws Exception {
        RestoreReport report = restore(request().selector("app in (mariadb)").excludeResources("persistentvolumeclaims"));

        assertThat(created(report)).containsExactly("Namespace/shop", "Secret/mariadb-pass", "Service/mariadb", "Deployment/mariadb");
        assertThat(report.results()).first().extracting(ObjectResult::kind, ObjectResult::outcome, ObjectResult::reason)
                .containsExactly("Namespace", Outcome.CREATED, "holds restored objects");
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void filtersAndMappingsThatMatchNothingAreReported() throws Exception {
        RestoreReport report = restore(request().includeNamespaces("shpo").includeResources("widgets", "gadgets.example.com")
                .namespaceMapping("blog:blog2"));

        assertThat(report.results()).isEmpty();
        assertThat(report.warnings()).containsExactly(
                "--include-namespaces shpo: no namespace in backup nightly matches",
                "--namespace-mapping blog: backup nightly has no namespace blog",
                "--include-resources gadgets.example.com: backup nightly holds no such resource");
    }

    @Test
    void reportRoundTripsThroughJson() throws Exception {
        RestoreReport report = restore(request().namespaceMapping("shop:s2"));
        byte[] json = MAPPER.writeValueAsBytes(report);
        assertThat(MAPPER.readValue(json, RestoreReport.class)).isEqualTo(report);
        assertThat(new String(json)).contains("\"phase\":\"completed\"", "\"outcome\":\"created\"", "\"startedAt\":\"20");
    }
}
