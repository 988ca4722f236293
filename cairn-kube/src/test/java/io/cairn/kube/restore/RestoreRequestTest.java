package io.cairn.kube.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreRequestTest {
    @Test
    void parsesFlagValues() {
        RestoreRequest r = RestoreRequest.builder("r1", "b1")
                .namespaceMapping("shop:shop-restored,blog:blog2").namespaceMapping("x:y")
                .storageClassMapping("fast:standard.csi.k8s.io")
                .existingResourcePolicy("Update")
                .includeNamespaces("shop*,blog").excludeResources("events.events.k8s.io")
                .selector("app in (wordpress,mariadb)").dryRun(true).build();
        assertThat(r.namespaceMapping()).containsExactly(Map.entry("shop", "shop-restored"), Map.entry("blog", "blog2"),
                Map.entry("x", "y"));
        assertThat(r.targetNamespace("shop")).isEqualTo("shop-restored");
        assertThat(r.targetNamespace("other")).isEqualTo("other");
        assertThat(r.targetStorageClass("fast")).isEqualTo("standard.csi.k8s.io");
        assertThat(r.existingResourcePolicy()).isEqualTo(ExistingResourcePolicy.UPDATE);
        assertThat(r.includeNamespaces()).containsExactly("shop*", "blog");
        assertThat(r.filter().includesNamespace("shop-x")).isTrue();
        assertThat(r.filter().includesResource("events.k8s.io", "events")).isFalse();
        assertThat(r.filter().includesResource("", "events")).isTrue();
        assertThat(r.filter().matchesLabels(Map.of("app", "mariadb"))).isTrue();
    }

    @Test
    void defaults() {
        RestoreRequest r = RestoreRequest.builder("r1", "b1").build();
        assertThat(r.existingResourcePolicy()).isEqualTo(ExistingResourcePolicy.NONE);
        assertThat(r.selector().isEverything()).isTrue();
        assertThat(r.filter().includesNamespace("anything")).isTrue();
    }

    @Test
    void oneErrorListsEveryMalformedValue() {
        assertThatThrownBy(() -> RestoreRequest.builder("r1", "b1")
                .namespaceMapping("shop").storageClassMapping("a:b:c").existingResourcePolicy("merge")
                .selector("app in (").includeNamespaces("[x").build())
                .isInstanceOf(InvalidRestoreRequestException.class)
                .hasMessageContaining("invalid --namespace-mapping \"shop\": expected OLD:NEW")
                .hasMessageContaining("invalid --storage-class-mapping \"a:b:c\"")
                .hasMessageContaining("--existing-resource-policy: invalid existing-resource policy \"merge\"")
                .hasMessageContaining("--selector: invalid label selector")
                .hasMessageContaining("--include-namespaces: invalid pattern \"[x\"")
                .satisfies(e -> assertThat(((InvalidRestoreRequestException) e).problems()).hasSize(5));
    }

    @Test
    void conflictingMappingAndBadNames() {
        assertThatThrownBy(() -> RestoreRequest.builder("bad name", "b1").namespaceMapping("a:b").namespaceMapping("a:c").build())
                .hasMessageContaining("invalid restore name \"bad name\"")
                .hasMessageContaining("\"a\" is mapped to both \"b\" and \"c\"");
        assertThatThrownBy(() -> RestoreRequest.builder("r", "b").namespaceMapping("Shop:x").build())
                .hasMessageContaining("invalid --namespace-mapping \"Shop:x\"");
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        RestoreRequest r = RestoreRequest.builder("r1", "b1").namespaceMapping("a:b").selector("app!=x").build();
        ObjectMapper mapper = new ObjectMapper();
        RestoreRequest back = mapper.readValue(mapper.writeValueAsBytes(r), RestoreRequest.class);
        assertThat(back).isEqualTo(r);
        assertThat(mapper.writeValueAsString(r)).contains("\"selector\":\"app!=x\"", "\"existingResourcePolicy\":\"none\"");
    }
}
