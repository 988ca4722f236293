package io.cairn.kube.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.kube.testing.TestRepository;
import io.cairn.kube.testing.TreeReader;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.tree.GoFileMode;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import io.cairn.repository.tree.Tree;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ObjectArchiveWriterTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-11-26T10:00:00Z");

    @RegisterExtension
    final TestRepository repo = new TestRepository();

    @Test
    void writesTheLayoutAsRestincTreesAndDeduplicatesEqualObjects() throws Exception {
        ObjectArchiveWriter w = new ObjectArchiveWriter(repo.blobs(), T);
        byte[] cm = "{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8);
        w.add(BackupLayout.resourcePath("shop", "", "configmaps", "a"), cm);
        w.add(BackupLayout.resourcePath("data", "", "configmaps", "a"), cm);
        w.add(BackupLayout.resourcePath(null, "storage.k8s.io", "storageclasses", "fast"), "{}".getBytes());
        w.add(List.of(BackupLayout.MANIFEST), "{\"name\":\"b\"}".getBytes());
        Id root = w.finish();
        repo.blobs().flush();

        Tree top = Tree.parse(repo.blobs().loadBlob(BlobType.TREE, root));
        assertThat(top.nodes()).extracting(Node::name).containsExactly("backup.json", "resources");
        Node resources = top.find("resources");
        assertThat(resources.type()).isEqualTo(NodeType.DIR);
        assertThat(resources.mode()).isEqualTo(GoFileMode.DIR | 0755);
        Node manifest = top.find("backup.json");
        assertThat(manifest.mode()).isEqualTo(0644);
        assertThat(manifest.size()).isEqualTo(12);
        assertThat(manifest.mtime()).isEqualTo(T);
        Map<String, byte[]> files = TreeReader.files(repo.blobs(), root);
        assertThat(files.keySet()).containsExactly("backup.json", "resources/_cluster/storage.k8s.io/storageclasses/fast.json",
                "resources/data/core/configmaps/a.json", "resources/shop/core/configmaps/a.json");
        assertThat(files.get("resources/shop/core/configmaps/a.json")).isEqualTo(cm);
        // 3 distinct contents; 2 distinct leaf trees (the two configmaps dirs are equal) + core + ns dirs...
        assertThat(repo.blobs().indexedBlobCount()).isLessThan(3 + 4 + 2 + 3 + 1 + 1 + 1);
    }

    @Test
    void largeObjectsAreChunkedAndReassemble() throws Exception {
        ObjectArchiveWriter w = new ObjectArchiveWriter(repo.blobs(), T);
        byte[] big = new byte[ObjectArchiveWriter.CHUNK_SIZE * 2 + 123];
        new Random(1).nextBytes(big);
        w.add(List.of("resources", "shop", "core", "configmaps", "big.json"), big);
        Id root = w.finish();
        repo.blobs().flush();

        assertThat(TreeReader.files(repo.blobs(), root).get("resources/shop/core/configmaps/big.json")).isEqualTo(big);
        assertThat(repo.blobs().indexedBlobCount()).isEqualTo(3 + 5);
    }

    @Test
    void rejectsDuplicatePathsBadNamesAndUseAfterFinish() throws Exception {
        ObjectArchiveWriter w = new ObjectArchiveWriter(repo.blobs(), T);
        w.add(List.of("a", "b.json"), new byte[0]);
        assertThatThrownBy(() -> w.add(List.of("a", "b.json"), new byte[0])).hasMessage("/a/b.json was already added");
        assertThatThrownBy(() -> w.add(List.of("a", "b.json", "c"), new byte[0])).hasMessage("/a/b.json is not a directory");
        assertThatThrownBy(() -> w.add(List.of("a", ".."), new byte[0])).isInstanceOf(IllegalArgumentException.class);
        w.addSubtree(List.of("volumes", "shop", "data"), Id.hash(new byte[0]));
        w.finish();
        assertThatThrownBy(() -> w.add(List.of("x"), new byte[0])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStreamedFileIsStoredAsTheSameBlobsAsItsBytes() throws Exception {
        for (int size : new int[] {0, 10, ObjectArchiveWriter.CHUNK_SIZE, 2 * ObjectArchiveWriter.CHUNK_SIZE + 7}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            ObjectArchiveWriter bytes = new ObjectArchiveWriter(repo.blobs(), T);
            bytes.add(List.of("f"), data);
            ObjectArchiveWriter stream = new ObjectArchiveWriter(repo.blobs(), T);
            stream.add(List.of("f"), new java.io.ByteArrayInputStream(data));
            assertThat(stream.byteCount()).isEqualTo(size);
            assertThat(stream.finish()).as("size %d", size).isEqualTo(bytes.finish());
        }
    }
}
