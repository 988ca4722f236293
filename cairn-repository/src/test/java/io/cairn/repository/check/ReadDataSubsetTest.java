package io.cairn.repository.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.Id;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadDataSubsetTest {
    @Test
    void groupsPartitionThePacks() {
        List<Id> packs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            packs.add(Id.hash(("p" + i).getBytes(StandardCharsets.UTF_8)));
        }
        int total = 0;
        for (int n = 1; n <= 3; n++) {
            ReadDataSubset g = ReadDataSubset.parse(n + "/3");
            total += (int) packs.stream().filter(g::selects).count();
        }
        assertThat(total).isEqualTo(200);
        assertThat(packs.stream().filter(ReadDataSubset.parse("100%")::selects)).hasSize(200);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> ReadDataSubset.parse("4/3")).hasMessageContaining("1 <= n <= t");
        assertThatThrownBy(() -> ReadDataSubset.parse("0%")).hasMessageContaining("percentage");
        assertThatThrownBy(() -> ReadDataSubset.parse("half")).hasMessageContaining("use n/t");
    }
}
