package io.cairn.kube.restore.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.kube.restore.ResourceType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SkipRulesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s.replace('\'', '"'));
    }

    @Test
    void endpointsAreSkippedOnlyForServicesWithSelectors() throws Exception {
        Set<String> withSelector = Set.of("shop/wordpress");
        assertThat(SkipRules.skipReason(ResourceType.ENDPOINTS, "shop", json("{'metadata':{'name':'wordpress'}}"), withSelector)).isPresent();
        assertThat(SkipRules.skipReason(ResourceType.ENDPOINTS, "shop", json("{'metadata':{'name':'external-db'}}"), withSelector)).isEmpty();
        assertThat(SkipRules.skipReason(ResourceType.ENDPOINT_SLICES, "shop",
                json("{'metadata':{'name':'wordpress-x1','labels':{'kubernetes.io/service-name':'wordpress'}}}"), withSelector)).isPresent();
        assertThat(SkipRules.skipReason(ResourceType.ENDPOINT_SLICES, "other",
                json("{'metadata':{'name':'wordpress-x1','labels':{'kubernetes.io/service-name':'wordpress'}}}"), withSelector)).isEmpty();
    }

    @Test
    void ownedObjectsAreSkippedOnlyForControllersThatRecreateThem() throws Exception {
        JsonNode ownedByDeployment = json("{'metadata':{'ownerReferences':[{'kind':'Deployment','name':'wp'}]}}");
        assertThat(SkipRules.skipReason(ResourceType.REPLICA_SETS, "shop", ownedByDeployment, Set.of()))
                .contains("owned by Deployment wp, which re-creates it");
        assertThat(SkipRules.skipReason(ResourceType.PODS, "shop", ownedByDeployment, Set.of())).isEmpty();
        assertThat(SkipRules.skipReason(ResourceType.JOBS, "shop",
                json("{'metadata':{'ownerReferences':[{'kind':'CronJob','name':'c'}]}}"), Set.of())).isPresent();
        assertThat(SkipRules.skipReason(ResourceType.EVENTS_V1, "shop", json("{}"), Set.of())).isPresent();
    }

    @Test
    void customResourcesRankLastAndUnknownBuiltInsBeforeThem() {
        int ingress = RestorePriority.rank(new ResourceType("networking.k8s.io", "ingresses"), Set.of());
        int widget = RestorePriority.rank(new ResourceType("example.com", "widgets"), Set.of());
        int crdInCoreLikeGroup = RestorePriority.rank(new ResourceType("apps", "things"), Set.of(new ResourceType("apps", "things")));
        assertThat(ingress).isEqualTo(RestorePriority.OTHER);
        assertThat(widget).isEqualTo(RestorePriority.CUSTOM);
        assertThat(crdInCoreLikeGroup).isEqualTo(RestorePriority.CUSTOM);
        assertThat(RestorePriority.rank(ResourceType.CUSTOM_RESOURCE_DEFINITIONS, Set.of())).isZero();
        assertThat(RestorePriority.rank(ResourceType.PODS, Set.of())).isLessThan(ingress);
    }
}
