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
}
