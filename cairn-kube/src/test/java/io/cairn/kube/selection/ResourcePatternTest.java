package io.cairn.kube.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.kube.discovery.ApiResourceType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcePatternTest {
    private static final ApiResourceType DEPLOYMENTS =
            new ApiResourceType("apps", "v1", "Deployment", "deployments", true, List.of("list"));

    @Test
    void matchesResourceOrResourceDotGroupCaseInsensitively() {
        assertThat(ResourcePattern.parse("*").matches("", "configmaps")).isTrue();
        assertThat(ResourcePattern.parse("Events").matches("events.k8s.io", "events")).isTrue();
        assertThat(ResourcePattern.parse("events.events.k8s.io").matches("events.k8s.io", "events")).isTrue();
        assertThat(ResourcePattern.parse("events.events.k8s.io").matches("", "events")).isFalse();
        assertThat(ResourcePattern.parse("*.example.com").matches("example.com", "widgets")).isTrue();
    }

    @Test
    void aServedTypeAlsoMatchesByKind() {
        assertThat(ResourcePattern.parse("deployment").matches(DEPLOYMENTS)).isTrue();
        assertThat(ResourcePattern.parse("Deployment.apps").matches(DEPLOYMENTS)).isTrue();
        assertThat(ResourcePattern.parse("deployment").matches("apps", "deployments")).isFalse();
        assertThat(ResourcePattern.parse("deployments.batch").matches(DEPLOYMENTS)).isFalse();
    }

    @Test
    void rejectsWhatCannotNameAType() {
        assertThatThrownBy(() -> ResourcePattern.parse("deployments/web")).isInstanceOf(InvalidRequestException.class)
                .hasMessage("bad resource type 'deployments/web': expected RESOURCE or RESOURCE.GROUP");
        assertThatThrownBy(() -> ResourcePattern.parse("deploy ments")).isInstanceOf(InvalidRequestException.class);
    }
}
