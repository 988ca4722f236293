package io.cairn.kube.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {
    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "frontend", "replicas", "3",
            "app.kubernetes.io/part-of", "shop");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                   | true",
            "app=web                              | true",
            "app==web                             | true",
            "app = web , tier=frontend            | true",
            "app=web,tier=backend                 | false",
            "app!=db                              | true",
            "missing!=x                           | true",
            "app in (web, db)                     | true",
            "app in (db)                          | false",
            "app notin (db,cache)                 | true",
            "missing notin (x)                    | true",
            "app notin (web)                      | false",
            "app                                  | true",
            "!app                                 | false",
            "!missing                             | true",
            "missing                              | false",
            "replicas>2                           | true",
            "replicas<3                           | false",
            "app.kubernetes.io/part-of=shop,!x    | true",
            "app in (web),tier notin (backend),replicas | true",
    })
    void evaluatesTheFullSyntax(String selector, boolean matches) {
        assertThat(LabelSelector.parse(selector).matches(WEB)).as(selector).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "app in web            | expected '(' at position 8 but found 'w'",
            "app in (web           | expected ',' but the selector ended",
            "app=web,              | expected a label key at position 9",
            "app ~ web             | unknown operator '~' after 'app' (expected =, ==, !=, in, notin, >, <)",
            "app=-web              | invalid label value '-web'",
            "Bad_Prefix./x=1       | invalid label key prefix 'Bad_Prefix.'",
            "replicas>x            | 'replicas>' needs an integer value",
            "!app=web              | '!app' takes no operator or value",
    })
    void malformedSelectorsGiveOneClearMessage(String selector, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(selector)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("bad label selector '" + selector + "': " + message);
    }

    private static final Map<String, String> WP = Map.of("app", "wordpress", "tier", "frontend",
            "app.kubernetes.io/version", "6");

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
        assertThatThrownBy(() -> LabelSelector.parse("app foo")).hasMessageContaining("unknown operator 'foo' after 'app'");
        assertThatThrownBy(() -> LabelSelector.parse("-bad=x")).hasMessageContaining("invalid label key '-bad'");
        assertThatThrownBy(() -> LabelSelector.parse("a=b c")).hasMessageContaining("expected ','");
        assertThatThrownBy(() -> LabelSelector.parse("a=b,")).hasMessageContaining("expected a label key");
        assertThatThrownBy(() -> LabelSelector.parse("a=b!")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> LabelSelector.parse("a>x")).hasMessageContaining("'a>' needs an integer value");
    }

    @Test
    void equalWhenTheRequirementsAre() {
        assertThat(LabelSelector.parse("app=web, tier in (a,b)")).isEqualTo(LabelSelector.parse("app==web,tier in (b,a)"))
                .isNotEqualTo(LabelSelector.parse("app=web"));
    }
}
