package io.cairn.kube.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void starQuestionMarkAndClasses() {
        assertThat(Glob.compile("shop*").matches("shop-restored")).isTrue();
        assertThat(Glob.compile("shop*").matches("myshop")).isFalse();
        assertThat(Glob.compile("ns-?").matches("ns-1")).isTrue();
        assertThat(Glob.compile("ns-?").matches("ns-12")).isFalse();
        assertThat(Glob.compile("ns-[ab]").matches("ns-b")).isTrue();
        assertThat(Glob.compile("ns-[a-c]x").matches("ns-cx")).isTrue();
        assertThat(Glob.compile("ns-[!a]").matches("ns-a")).isFalse();
        assertThat(Glob.compile("a.b").matches("axb")).isFalse();
    }

    @Test
    void unclosedClassIsRejected() {
        assertThatThrownBy(() -> Glob.compile("ns-[ab")).hasMessageContaining("unclosed '['");
    }
}
