package io.cairn.kube.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.Json;
import org.junit.jupiter.api.Test;

class BackupRequestTest {

    @Test
    void globsMatchLikeAShell() {
        Glob g = Glob.compile("team-[ab]?-*");
        assertThat(g.matches("team-a1-prod")).isTrue();
        assertThat(g.matches("team-c1-prod")).isFalse();
        assertThat(g.matches("team-a-prod")).isFalse();
        assertThat(Glob.compile("[!k]*").matches("kube-system")).isFalse();
        assertThat(Glob.compile("a.b").matches("axb")).isFalse();
        assertThat(Glob.compile("shop").isLiteral()).isTrue();
    }

    @Test
    void builderSplitsCommaListsAndRecordsAppsInTheirNamespace() {
        BackupRequest r = BackupRequest.builder("nightly").includeNamespaces("shop,data").excludeNamespaces("kube-*")
                .selector("app=web").selector("tier in (db)").app("shop", "statefulset/db")
                .includeClusterResources("false").build();

        assertThat(r.includeNamespaces()).containsExactly("shop", "data");
        assertThat(r.apps()).containsExactly(new AppRef("shop", "statefulset", "db"));
        assertThat(r.includeClusterResources()).isEqualTo(ClusterResources.FALSE);
        assertThat(r.isAppMode()).isTrue();
        assertThat(r.namespaceFilter().matches("data")).isTrue();
        assertThat(r.namespaceFilter().matches("kube-system")).isFalse();
    }

    @Test
    void survivesAJsonRoundTrip() throws Exception {
        BackupRequest r = BackupRequest.builder("nightly").includeNamespaces("shop").app("shop", "deployment/web")
                .excludeResources("events").build();
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(r), BackupRequest.class)).isEqualTo(r);
    }

    @Test
    void malformedInputGivesOneClearMessage() {
        assertThatThrownBy(() -> BackupRequest.builder("Nightly!").build())
                .hasMessageStartingWith("bad backup name 'Nightly!'");
        assertThatThrownBy(() -> BackupRequest.builder("b").includeNamespaces("team-[ab").build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("bad namespace pattern 'team-[ab': unclosed '[' at position 6");
        assertThatThrownBy(() -> BackupRequest.builder("b").selector("app in web").build())
                .hasMessageStartingWith("bad label selector 'app in web'");
        assertThatThrownBy(() -> BackupRequest.builder("b").app("shop", "statefulset"))
                .hasMessage("bad app 'statefulset': expected KIND/NAME, e.g. statefulset/db");
        assertThatThrownBy(() -> BackupRequest.builder("b").app("shop", "statefulset/DB"))
                .hasMessage("bad app 'statefulset/DB': 'DB' is not an object name");
        assertThatThrownBy(() -> BackupRequest.builder("b").app(null, "statefulset/db"))
                .hasMessage("--app statefulset/db needs a namespace (-n NAMESPACE)");
        assertThatThrownBy(() -> BackupRequest.builder("b").includeClusterResources("maybe"))
                .hasMessage("bad value 'maybe' for include-cluster-resources (expected auto, true or false)");
        assertThatThrownBy(() -> BackupRequest.builder("b").includeResources("deploy[").build())
                .hasMessageStartingWith("bad resource type 'deploy['");
    }
}
