package io.cairn.kube.restore.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {
    private static final Map<String, String> WP = Map.of("app", "wordpress", "tier", "frontend", "app.kubernetes.io/version", "6");

    private static boolean matches(String selector, Map<String, String> labels) {
        return LabelSelector.parse(selector).matches(labels);
    }

    @Test
    void equalityBasedRequirements() {
        assertThat(matches("app=wordpress", WP)).isTrue();
        assertThat(matches("app==wordpress,tier=frontend", WP)).isTrue();
        assertThat(matches("app = wordpress , tier != frontend", WP)).isFalse();
        assertThat(matches("app!=mariadb", WP)).isTrue();
        assertThat(matches("missing!=x", WP)).isTrue();
        assertThat(matches("app=", WP)).isFalse();
        assertThat(matches("app=", Map.of("app", ""))).isTrue();
    }

    @Test
    void setBasedRequirements() {
        assertThat(matches("app in (wordpress, mariadb)", WP)).isTrue();
        assertThat(matches("app in (mariadb)", WP)).isFalse();
        assertThat(matches("app notin (mariadb,redis)", WP)).isTrue();
        assertThat(matches("missing notin (x)", WP)).isTrue();
        assertThat(matches("app.kubernetes.io/version", WP)).isTrue();
        assertThat(matches("!app", WP)).isFalse();
        assertThat(matches("!missing,app in (wordpress),tier", WP)).isTrue();
        assertThat(matches("app.kubernetes.io/version>5", WP)).isTrue();
        assertThat(matches("app.kubernetes.io/version<6", WP)).isFalse();
    }

    @Test
    void emptySelectorMatchesEverything() {
        assertThat(LabelSelector.parse("").isEverything()).isTrue();
        assertThat(matches(" ", Map.of())).isTrue();
        assertThat(matches("app", null)).isFalse();
    }

    @Test
    void malformedSelectorsNameTheProblem() {
        assertThatThrownBy(() -> LabelSelector.parse("app in (a,b")).hasMessageContaining("expected ','");
        assertThatThrownBy(() -> LabelSelector.parse("app in ()")).hasMessageContaining("at least one value");
        assertThatThrownBy(() -> LabelSelector.parse("app foo")).hasMessageContaining("expected an operator");
        assertThatThrownBy(() -> LabelSelector.parse("-bad=x")).hasMessageContaining("not a valid label key");
        assertThatThrownBy(() -> LabelSelector.parse("a=b c")).hasMessageContaining("expected ','");
        assertThatThrownBy(() -> LabelSelector.parse("a=b,")).hasMessageContaining("expected a label key");
        assertThatThrownBy(() -> LabelSelector.parse("a=b!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LabelSelector.parse("a>x")).hasMessageContaining("not an integer");
    }
}
