package io.cairn.repository.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.BlobType;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexFilesTest {
    private static final Id PACK = Id.hash(new byte[] {1});
    private static final Id BLOB = Id.hash(new byte[] {2});
    private static final Id OLD = Id.hash(new byte[] {3});

    @Test
    void encodesAsResticDoesAndParsesBack() throws CorruptDataException {
        List<PackContents> packs = List.of(new PackContents(PACK, List.of(
                new BlobEntry(BlobType.DATA, BLOB, 0, 38, 0),
                new BlobEntry(BlobType.TREE, OLD, 38, 112, 511))));
        String json = new String(IndexFiles.encode(List.of(OLD), packs), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"supersedes\":[\"" + OLD + "\"],\"packs\":[{\"id\":\"" + PACK + "\",\"blobs\":["
                + "{\"id\":\"" + BLOB + "\",\"type\":\"data\",\"offset\":0,\"length\":38},"
                + "{\"id\":\"" + OLD + "\",\"type\":\"tree\",\"offset\":38,\"length\":112,\"uncompressed_length\":511}]}]}");
        List<PackContents> read = new ArrayList<>();
        List<Id> superseded = new ArrayList<>();
        IndexFiles.parse(json.getBytes(StandardCharsets.UTF_8), new IndexFiles.Visitor() {
            @Override
            public void supersedes(Id indexId) {
                superseded.add(indexId);
            }

            @Override
            public void pack(PackContents pack) {
                read.add(pack);
            }
        });
        assertThat(read).isEqualTo(packs);
        assertThat(superseded).containsExactly(OLD);
    }

    @Test
    void readsTheOldFormatABareArrayOfPacks() throws CorruptDataException {
        String json = "[{\"id\":\"" + PACK + "\",\"blobs\":[{\"id\":\"" + BLOB
                + "\",\"type\":\"data\",\"offset\":0,\"length\":38}]}]";
        List<PackContents> read = new ArrayList<>();
        IndexFiles.parse(json.getBytes(StandardCharsets.UTF_8), read::add);
        assertThat(read).containsExactly(new PackContents(PACK, List.of(new BlobEntry(BlobType.DATA, BLOB, 0, 38, 0))));
    }

    @Test
    void rejectsTruncatedAndIncompleteJson() {
        byte[] truncated = ("{\"packs\":[{\"id\":\"" + PACK + "\",\"blobs\":[{\"id\":").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> IndexFiles.parse(truncated, p -> { })).isInstanceOf(CorruptDataException.class);
        byte[] noLength = ("{\"packs\":[{\"id\":\"" + PACK + "\",\"blobs\":[{\"id\":\"" + BLOB
                + "\",\"type\":\"data\",\"offset\":0}]}]}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> IndexFiles.parse(noLength, p -> { })).isInstanceOf(CorruptDataException.class);
    }
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void splitsIndexFilesAtTheBlobLimitWithoutSplittingPacks() throws Exception {
        io.cairn.repository.backend.LocalBackend backend = new io.cairn.repository.backend.LocalBackend(dir);
        backend.create();
        io.cairn.repository.crypto.CryptoKey key = io.cairn.repository.crypto.CryptoKey.random();
        List<PackContents> packs = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            List<BlobEntry> blobs = new ArrayList<>();
            for (int b = 0; b < 3; b++) {
                blobs.add(new BlobEntry(BlobType.DATA, Id.hash(new byte[] {(byte) p, (byte) b}), 40L * b, 40, 0));
            }
            packs.add(new PackContents(Id.hash(new byte[] {(byte) p}), blobs));
        }
        List<Id> files = IndexFiles.write(backend, key, true, packs, 6);
        assertThat(files).hasSize(3);
        List<PackContents> read = new ArrayList<>();
        for (Id f : files) {
            IndexFiles.read(backend, key, f, read::add);
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(packs);
    }
}
