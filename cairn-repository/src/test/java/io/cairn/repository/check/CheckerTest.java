package io.cairn.repository.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.check.Problem.Kind;
import io.cairn.repository.crypto.CryptoKey;
import io.cairn.repository.pack.PackBlobStore;
import io.cairn.repository.pack.PackTestSupport;
import io.cairn.repository.pack.PackTestSupport.TestBlob;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import io.cairn.repository.tree.Tree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckerTest {
    @TempDir
    Path dir;
    LocalBackend backend;
    final CryptoKey key = CryptoKey.random();

    @BeforeEach
    void createRepository() throws IOException {
        backend = new LocalBackend(dir);
        backend.create();
        try (PackBlobStore store = new PackBlobStore(backend, key, true, 16 * 1024)) {
            for (TestBlob b : PackTestSupport.blobs(100, 9)) {
                store.saveBlob(b.type(), b.id(), b.data(), b.data().length);
            }
            store.flush();
        }
    }

    @Test
    void aHealthyRepositoryHasNoProblems() throws IOException {
        CheckResult result = new Checker(backend, key).check(true);
        assertThat(result.problems()).isEmpty();
        assertThat(result.blobs()).isEqualTo(100);
        assertThat(result.blobsRead()).isEqualTo(100);
        assertThat(result.packsRead()).isEqualTo(result.packs());
    }

    @Test
    void reportsAFlippedByteAndADeletedPackTogether() throws IOException {
        List<FileInfo> packs = backend.list(FileType.PACK);
        assertThat(packs.size()).isGreaterThanOrEqualTo(3);
        Id damaged = Id.parse(packs.get(0).name());
        Id deleted = Id.parse(packs.get(1).name());
        PackTestSupport.flipByte(PackTestSupport.path(backend, FileType.PACK, damaged), 40);
        backend.remove(Handle.of(FileType.PACK, deleted));

        List<Problem> heard = new CopyOnWriteArrayList<>();
        CheckResult result = new Checker(backend, key).listener(new CheckListener() {
            @Override
            public void problem(Problem problem) {
                heard.add(problem);
            }
        }).check(true);

        assertThat(result.errors()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Kind.PACK_MISSING);
            assertThat(p.message()).contains(deleted.toString());
        });
        assertThat(result.errors()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Kind.PACK_HASH_MISMATCH);
            assertThat(p.message()).contains(damaged.toString());
        });
        assertThat(result.errors()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Kind.BLOB_CORRUPT);
            assertThat(p.message()).contains(damaged.toString());
        });
        assertThat(heard).containsExactlyInAnyOrderElementsOf(result.problems());
    }

    @Test
    void withoutReadingDataFindsMissingAndTruncatedPacksAndWarnsAboutUnindexedOnes() throws IOException {
        List<FileInfo> packs = backend.list(FileType.PACK);
        Id truncated = Id.parse(packs.get(0).name());
        PackTestSupport.truncate(PackTestSupport.path(backend, FileType.PACK, truncated), 100);
        Id stray = Id.hash(new byte[] {42});
        backend.save(Handle.of(FileType.PACK, stray), new byte[] {42});

        CheckResult result = new Checker(backend, key).check(false);

        assertThat(result.problems()).extracting(Problem::kind)
                .containsExactlyInAnyOrder(Kind.PACK_SIZE_MISMATCH, Kind.PACK_NOT_INDEXED);
        assertThat(result.warnings()).singleElement().satisfies(p -> assertThat(p.message()).contains(stray.toString()));
        assertThat(result.packsRead()).isZero();
    }

    @Test
    void reportsAnUnreadableIndexFile() throws IOException {
        Id index = Id.parse(backend.list(FileType.INDEX).get(0).name());
        PackTestSupport.flipByte(PackTestSupport.path(backend, FileType.INDEX, index), 30);
        CheckResult result = new Checker(backend, key).check(false);
        assertThat(result.errors()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Kind.INDEX_UNREADABLE);
            assertThat(p.message()).contains(index.toString());
        });
        // the packs that index listed now look unindexed
        assertThat(result.warnings()).isNotEmpty().allMatch(p -> p.kind() == Kind.PACK_NOT_INDEXED);
    }

    @Test
    void treeWalkReportsMissingDataAndSubtrees() throws IOException {
        try (PackBlobStore store = new PackBlobStore(backend, key, true)) {
            store.loadIndex();
            TestBlob present = PackTestSupport.blobs(2, 9).get(1);
            Id missingData = Id.hash(new byte[] {1, 2, 3});
            Id missingTree = Id.hash(new byte[] {4, 5, 6});
            Tree root = Tree.of(List.of(
                    file("a", List.of(present.id(), missingData)),
                    dir("sub", missingTree)));
            byte[] bytes = root.toBytes();
            Id rootId = Id.hash(bytes);
            store.saveBlob(BlobType.TREE, rootId, bytes, bytes.length);
            store.flush();

            CheckResult result = new Checker(backend, key).checkTrees(List.of(rootId), store, store);

            assertThat(result.trees()).isEqualTo(1);
            assertThat(result.dataRefs()).isEqualTo(2);
            assertThat(result.problems()).extracting(Problem::kind)
                    .containsExactlyInAnyOrder(Kind.DATA_MISSING, Kind.TREE_MISSING);
            assertThat(result.problems()).anySatisfy(p -> assertThat(p.message()).contains(missingData.toString(), "/a"));
            assertThat(result.problems()).anySatisfy(p -> assertThat(p.message()).contains(missingTree.toString(), "/sub"));
        }
    }

    private static Node file(String name, List<Id> content) {
        return new Node(name, NodeType.FILE, 0644, null, null, null, 0, 0, null, null, 0, 0, 0, 1, null, null, 0,
                new ArrayList<>(content), null, null);
    }

    private static Node dir(String name, Id subtree) {
        return new Node(name, NodeType.DIR, 0755, null, null, null, 0, 0, null, null, 0, 0, 0, 1, null, null, 0,
                null, subtree, null);
    }
}
