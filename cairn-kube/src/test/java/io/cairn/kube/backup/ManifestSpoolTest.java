package io.cairn.kube.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kube.selection.BackupRequest;
import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ManifestSpoolTest {
    private static ManifestItem item(int i) {
        String ns = "ns-" + (i % 7);
        return new ManifestItem(ns, "", "v1", "ConfigMap", "configmaps", "cm-" + i,
                "resources/" + ns + "/core/configmaps/cm-" + i + ".json", i % 3 == 0 ? List.of("mounted by pod p-" + i) : null);
    }

    @Test
    void mergesSpilledRunsAndTheBufferInPathOrder() throws Exception {
        List<ManifestItem> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(item(i));
        }
        Collections.shuffle(items, new Random(1));
        try (ManifestSpool spool = new ManifestSpool(64)) {
            for (ManifestItem i : items) {
                spool.add(i);
            }
            List<ManifestItem> sorted = new ArrayList<>(items);
            sorted.sort(Comparator.comparing(ManifestItem::path));
            assertThat(spool.select(i -> true)).containsExactlyElementsOf(sorted);
            assertThat(spool.size()).isEqualTo(1000);
            assertThat(spool.counts()).containsExactly(java.util.Map.entry("configmaps", 1000L));
        }
    }

    @Test
    void streamedManifestReadsBackAsTheManifestWithItsItems() throws Exception {
        OffsetDateTime t = OffsetDateTime.parse("2026-11-26T10:00:00Z");
        try (ManifestSpool spool = new ManifestSpool(16)) {
            List<ManifestItem> items = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                items.add(item(i));
                spool.add(items.get(i));
            }
            items.sort(Comparator.comparing(ManifestItem::path));
            BackupManifest full = new BackupManifest(BackupManifest.FORMAT_VERSION, "b", "1.0",
                    BackupRequest.builder("b").build(), new ClusterInfo("https://k", "v1.31.2", null), t, t.plusSeconds(3),
                    BackupPhase.COMPLETED, spool.counts(), items, List.of(), List.of());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            full.withoutItems().write(out, spool);
            assertThat(BackupManifest.parse(out.toByteArray())).isEqualTo(full);
            assertThat(out.toString()).isEqualTo(new String(full.toBytes()));
            assertThat(full.withoutItems().objectCount()).isEqualTo(100);
        }
    }
}
