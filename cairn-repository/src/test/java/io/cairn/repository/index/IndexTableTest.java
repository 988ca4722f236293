package io.cairn.repository.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.PackedBlob;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexTableTest {

    private static Id id(int n) {
        return Id.hash(ByteBuffer.allocate(4).putInt(n).array());
    }

    @Test
    void findsEveryEntryAndKeepsTypesApart() {
        IndexTable table = new IndexTable();
        Id pack = id(-1);
        List<BlobEntry> blobs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            blobs.add(new BlobEntry(i % 2 == 0 ? BlobType.DATA : BlobType.TREE, id(i), 100L * i, 50 + i, i % 5));
        }
        assertThat(table.add(pack, blobs)).isEqualTo(10_000);
        for (int i = 0; i < 10_000; i++) {
            BlobType type = i % 2 == 0 ? BlobType.DATA : BlobType.TREE;
            PackedBlob p = table.lookup(type, id(i));
            assertThat(p).isNotNull();
            assertThat(p.packId()).isEqualTo(pack);
            assertThat(p.offset()).isEqualTo(100L * i);
            assertThat(p.length()).isEqualTo(50 + i);
            assertThat(p.uncompressedLength()).isEqualTo(i % 5);
            assertThat(table.has(type == BlobType.DATA ? BlobType.TREE : BlobType.DATA, id(i))).isFalse();
        }
        assertThat(table.has(BlobType.DATA, id(20_000))).isFalse();
    }

    @Test
    void keepsTheFirstOfDuplicateEntriesAndLargeOffsets() {
        IndexTable table = new IndexTable();
        Id a = id(-1);
        Id b = id(-2);
        long big = 3L * 1024 * 1024 * 1024;
        assertThat(table.add(a, List.of(new BlobEntry(BlobType.DATA, id(1), big, 40, 0)))).isEqualTo(1);
        assertThat(table.add(b, List.of(new BlobEntry(BlobType.DATA, id(1), 0, 40, 0)))).isZero();
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.packCount()).isEqualTo(2);
        assertThat(table.lookup(BlobType.DATA, id(1)).packId()).isEqualTo(a);
        assertThat(table.lookup(BlobType.DATA, id(1)).offset()).isEqualTo(big);
    }

    @Test
    void usesAtMostSixtyFourBytesPerBlob() {
        IndexTable table = new IndexTable();
        int n = 200_000;
        IndexTable.Batch batch = new IndexTable.Batch();
        List<BlobEntry> blobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            blobs.add(new BlobEntry(BlobType.DATA, id(i), i, 100, 0));
        }
        batch.add(id(-1), blobs);
        table.addAll(batch);
        assertThat(table.size()).isEqualTo(n);
        assertThat((double) table.memoryBytes() / n).isLessThanOrEqualTo(64.0);
    }
}
