package io.cairn.kube.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kube.api.KubeApi;
import io.cairn.kube.testing.DiscoveryFixture;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ApiDiscoveryIT {
    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void findsPreferredVersionsOfEveryGroupAndSkipsSubresourcesAndUnlistableTypes() throws Exception {
        DiscoveryFixture.stub(server);
        DiscoveredTypes d = new ApiDiscovery(new KubeApi(client)).discover();

        assertThat(d.warnings()).isEmpty();
        assertThat(d.types()).noneMatch(t -> t.resource().contains("/"));
        assertThat(d.byResource("", "bindings")).isEmpty();
        assertThat(d.byResource("autoscaling", "horizontalpodautoscalers")).get()
                .extracting(ApiResourceType::version).isEqualTo("v2");
        assertThat(d.byResource(DiscoveryFixture.CUSTOM_GROUP, "memcacheds")).get()
                .satisfies(t -> assertThat(t.apiVersion()).isEqualTo("cache.example.com/v1"));
        assertThat(d.byKind("statefulset")).get().extracting(ApiResourceType::qualifiedResource).isEqualTo("statefulsets.apps");
        assertThat(d.byKind("deployments.apps")).get().extracting(ApiResourceType::kind).isEqualTo("Deployment");
        assertThat(d.byResource("", "persistentvolumes")).get().extracting(ApiResourceType::namespaced).isEqualTo(false);
        assertThat(d.types()).hasSize(39);
    }

    @Test
    void aGroupThatFailsDiscoveryIsAWarning() throws Exception {
        server.expect().get().withPath("/apis/policy/v1").andReturn(404, "{\"message\":\"the server could not find the requested resource\"}").always();
        DiscoveryFixture.stub(server);
        DiscoveredTypes d = new ApiDiscovery(new KubeApi(client)).discover();

        assertThat(d.warnings()).singleElement().asString().startsWith("discovery of policy/v1 failed: not found (HTTP 404)");
        assertThat(d.byResource("policy", "poddisruptionbudgets")).isEmpty();
    }
}
