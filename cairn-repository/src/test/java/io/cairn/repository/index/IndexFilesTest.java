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
}
