package io.cairn.kube.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubeNamesTest {
    @Test
    void shortNamesAreKeptAndLongOnesShortenedToDistinctDnsLabels() {
        assertThat(KubeNames.of("nightly", "data-db-0")).isEqualTo("cairn-nightly-data-db-0");
        String a = KubeNames.of("a-very-long-backup-name-for-the-nightly-run", "data-cassandra-cluster-east-0");
        String b = KubeNames.of("a-very-long-backup-name-for-the-nightly-run", "data-cassandra-cluster-east-1");
        assertThat(a).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").isNotEqualTo(b);
        assertThat(KubeNames.of("Nightly_1")).isEqualTo("cairn-nightly-1");
    }

    @Test
    void volumeMethodsParseFromTheirText() {
        assertThat(VolumeMethod.parse("Snapshot+Move")).isEqualTo(VolumeMethod.SNAPSHOT_MOVE);
        assertThat(VolumeMethod.parse("fs")).isEqualTo(VolumeMethod.FS);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VolumeMethod.parse("rsync"))
                .hasMessageContaining("expected snapshot+move, fs or skip");
    }
}
