package io.cairn.repository.archiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.BlobSaver;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.chunker.Polynomial;
import io.cairn.repository.testing.InMemoryBlobStore;
import io.cairn.repository.tree.GoFileMode;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import io.cairn.repository.tree.Tree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiverTest {
    private static final int BIG = 9 * 1024 * 1024 + 123;

    @TempDir
    Path dir;

    private final InMemoryBlobStore store = new InMemoryBlobStore();
    private final CountingSaver saver = new CountingSaver(store);

    /** One polynomial for every run in a test, so chunk boundaries (and so tree IDs) are comparable. */
    private static final Polynomial POLYNOMIAL = Polynomial.random();

    private ArchiverOptions options(int threads) {
        return ArchiverOptions.defaults(POLYNOMIAL).withParallelism(threads)
                .withProgressInterval(Duration.ZERO);
    }

    private Archiver archiver(int threads) {
        return new Archiver(saver, store, store, options(threads));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A tree with most kinds of entry; returns the big file. */
    private Path populate() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/nested/deeper"));
        Files.write(dir.resolve("data/empty"), new byte[0]);
        Files.write(dir.resolve("data/small"), random(1000, 1));
        Files.write(dir.resolve("data/nested/medium"), random(700_000, 2));
        Path big = Files.write(dir.resolve("data/big"), random(BIG, 3));
        Files.write(data.resolve("leaf"), random(10, 4));
        Files.createSymbolicLink(dir.resolve("data/link"), Path.of("nested/medium"));
        Files.createLink(dir.resolve("data/hardlink"), dir.resolve("data/small"));
        FileMetadataReaderTest.sh("/usr/bin/mkfifo", dir.resolve("data/fifo").toString());
        FileMetadataReaderTest.sh("chmod", "4755", dir.resolve("data/small").toString());
        Files.setLastModifiedTime(dir.resolve("data/nested/medium"),
                FileTime.from(Instant.ofEpochSecond(1_650_000_000L, 987_654_321)));
        return big;
    }

    private Tree tree(Id id) throws IOException {
        return Tree.parse(store.loadBlob(BlobType.TREE, id));
    }

    /** Follows the components of an absolute path from the snapshot root. */
    private Tree treeAt(Id root, Path absolute) throws IOException {
        Tree t = tree(root);
        for (Path c : absolute) {
            Node n = t.find(c.toString());
            assertThat(n).as("node %s", c).isNotNull();
            t = tree(n.subtree());
        }
        return t;
    }

    private byte[] content(Node file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Id id : file.content()) {
            out.write(store.loadBlob(BlobType.DATA, id));
        }
        return out.toByteArray();
    }

    private static List<String> names(Tree t) {
        return t.nodes().stream().map(Node::name).toList();
    }

    @Test
    void snapshotStoresPathComponentsAndEveryKindOfEntry() throws Exception {
        Path big = populate();
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(dir.resolve("data/socket")));
            ArchiveResult r = archiver(2).snapshot(List.of(dir.resolve("data")), null, null);

            Tree root = tree(r.rootTree());
            assertThat(names(root)).containsExactly(dir.getName(0).toString());
            Tree parentOfData = treeAt(r.rootTree(), dir);
            assertThat(names(parentOfData)).containsExactly("data");
            Tree data = treeAt(r.rootTree(), dir.resolve("data"));
            assertThat(names(data)).containsExactly(
                    "big", "empty", "fifo", "hardlink", "link", "nested", "small");

            Node bigNode = data.find("big");
            assertThat(bigNode.size()).isEqualTo(BIG);
            assertThat(bigNode.content()).hasSizeGreaterThan(1);
            assertThat(content(bigNode)).isEqualTo(Files.readAllBytes(big));
            Node empty = data.find("empty");
            assertThat(empty.content()).isEmpty();
            assertThat(empty.size()).isZero();
            Node small = data.find("small");
            assertThat(small.mode()).isEqualTo(GoFileMode.SETUID | 0755);
            assertThat(small.links()).isEqualTo(2);
            Node hard = data.find("hardlink");
            assertThat(hard.inode()).isEqualTo(small.inode());
            assertThat(hard.content()).isEqualTo(small.content());
            assertThat(content(hard)).isEqualTo(Files.readAllBytes(dir.resolve("data/small")));
            Node link = data.find("link");
            assertThat(link.type()).isEqualTo(NodeType.SYMLINK);
            assertThat(link.linkTarget()).isEqualTo("nested/medium");
            assertThat(link.content()).isNull();
            Node fifo = data.find("fifo");
            assertThat(fifo.type()).isEqualTo(NodeType.FIFO);
            assertThat(fifo.content()).isNull();
            assertThat(data.find("nested").content()).isNull();

            Tree nested = tree(data.find("nested").subtree());
            Node medium = nested.find("medium");
            assertThat(medium.mtime().toInstant()).isEqualTo(Instant.ofEpochSecond(1_650_000_000L, 987_654_321));
            assertThat(content(medium)).isEqualTo(Files.readAllBytes(dir.resolve("data/nested/medium")));
            Tree deeper = tree(nested.find("deeper").subtree());
            assertThat(content(deeper.find("leaf"))).isEqualTo(Files.readAllBytes(dir.resolve("data/nested/deeper/leaf")));

            assertThat(r.filesNew()).isEqualTo(6);
            assertThat(r.filesChanged()).isZero();
            assertThat(r.filesUnchanged()).isZero();
            assertThat(r.bytesRead()).isEqualTo(BIG + 1000 + 1000 + 700_000 + 10);
            assertThat(r.dataBlobsNew()).isEqualTo(saver.newData.get());
            assertThat(r.treeBlobsNew()).isGreaterThanOrEqualTo(3 + dir.getNameCount());
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void severalTargetsMergeIntoOneTree() throws Exception {
        Files.createDirectories(dir.resolve("a/x"));
        Files.createDirectories(dir.resolve("b"));
        Files.createDirectories(dir.resolve("c"));
        Files.write(dir.resolve("b/file"), random(5, 5));
        ArchiveResult r = archiver(2).snapshot(List.of(dir.resolve("a"), dir.resolve("b/file"), dir.resolve("a/x")),
                null, null);
        Tree top = treeAt(r.rootTree(), dir);
        assertThat(names(top)).containsExactly("a", "b");
        assertThat(names(tree(top.find("a").subtree()))).containsExactly("x");
        assertThat(names(tree(top.find("b").subtree()))).containsExactly("file");
    }

    @Test
    void relativeTargetsAreMadeAbsolute() {
        Path cwd = Path.of("").toAbsolutePath();
        assertThat(Archiver.snapshotPaths(List.of(Path.of("x/../y"), Path.of("y"))))
                .containsExactly(cwd.resolve("y").toString());
    }

    @Test
    void unchangedFilesAreNotReadAgainWithAParent() throws Exception {
        Files.createDirectories(dir.resolve("d/sub"));
        Files.write(dir.resolve("d/one"), random(700_000, 6));
        Files.write(dir.resolve("d/sub/two"), random(100, 7));
        Archiver archiver = archiver(2);
        ArchiveResult first = archiver.snapshot(List.of(dir.resolve("d")), null, null);
        int savesAfterFirst = saver.dataSaves.get();

        ArchiveResult second = archiver.snapshot(List.of(dir.resolve("d")), first.rootTree(), null);

        assertThat(second.filesUnchanged()).isEqualTo(2);
        assertThat(second.filesNew() + second.filesChanged()).isZero();
        assertThat(second.bytesRead()).isZero();
        assertThat(second.dataBlobsNew()).isZero();
        assertThat(saver.dataSaves.get()).isEqualTo(savesAfterFirst);
        assertThat(treeAt(second.rootTree(), dir.resolve("d"))).isEqualTo(treeAt(first.rootTree(), dir.resolve("d")));
    }

    @Test
    void aChangedFileIsReadAgain() throws Exception {
        Files.createDirectories(dir.resolve("d"));
        Files.write(dir.resolve("d/same"), random(100, 8));
        Files.write(dir.resolve("d/edited"), random(100, 9));
        Archiver archiver = archiver(2);
        ArchiveResult first = archiver.snapshot(List.of(dir.resolve("d")), null, null);
        Files.write(dir.resolve("d/edited"), random(150, 10));

        ArchiveResult second = archiver.snapshot(List.of(dir.resolve("d")), first.rootTree(), null);

        assertThat(second.filesUnchanged()).isEqualTo(1);
        assertThat(second.filesChanged()).isEqualTo(1);
        assertThat(second.bytesRead()).isEqualTo(150);
        Node edited = treeAt(second.rootTree(), dir.resolve("d")).find("edited");
        assertThat(content(edited)).isEqualTo(random(150, 10));
    }

    @Test
    void aFileThatVanishesBeforeReadingIsAWarningNotAFailure() throws Exception {
        Files.createDirectories(dir.resolve("d"));
        Files.write(dir.resolve("d/gone"), random(100, 11));
        Files.write(dir.resolve("d/kept"), random(100, 12));
        Archiver archiver = archiver(2);
        archiver.beforeRead = p -> {
            if (p.getFileName().toString().equals("gone")) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        List<ArchiveWarning> seen = new ArrayList<>();
        ArchiveResult r = archiver.archiveDirectory(dir.resolve("d"), null, new ArchiveListener() {
            @Override
            public synchronized void warning(Path path, String message) {
                seen.add(new ArchiveWarning(path, message));
            }
        });

        assertThat(names(tree(r.rootTree()))).containsExactly("kept");
        assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.path()).isEqualTo(dir.resolve("d/gone")));
        assertThat(seen).isEqualTo(r.warnings());
    }

    @Test
    void aMissingTargetIsAWarningUnlessNothingExists() throws Exception {
        Files.createDirectories(dir.resolve("here"));
        ArchiveResult r = archiver(1).snapshot(List.of(dir.resolve("here"), dir.resolve("missing")), null, null);
        assertThat(r.warnings()).extracting(ArchiveWarning::path).containsExactly(dir.resolve("missing"));
        assertThat(names(treeAt(r.rootTree(), dir))).containsExactly("here");
        assertThatThrownBy(() -> archiver(1).snapshot(List.of(dir.resolve("missing")), null, null))
                .isInstanceOf(IOException.class);
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfThreads() throws Exception {
        populate();
        ArchiveResult one = new Archiver(store, options(1).withMaxBufferBytes(0))
                .archiveDirectory(dir.resolve("data"), null, null);
        InMemoryBlobStore other = new InMemoryBlobStore();
        ArchiveResult four = new Archiver(other, options(4)).archiveDirectory(dir.resolve("data"), null, null);
        assertThat(four.rootTree()).isEqualTo(one.rootTree());
        assertThat(four.dataBlobsNew()).isEqualTo(one.dataBlobsNew());
    }

    @Test
    void progressIsReportedWithScanTotals() throws Exception {
        Files.createDirectories(dir.resolve("d"));
        Files.write(dir.resolve("d/a"), random(700_000, 13));
        Files.write(dir.resolve("d/b"), random(10, 14));
        List<ArchiveProgress> progress = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        ArchiveResult r = new Archiver(store, options(2).withProgressInterval(Duration.ofMillis(1)))
                .archiveDirectory(dir.resolve("d"), null, new ArchiveListener() {
                    @Override
                    public synchronized void progress(ArchiveProgress p) {
                        progress.add(p);
                    }

                    @Override
                    public void fileDone(Path path, long size, boolean unchanged) {
                        done.incrementAndGet();
                    }
                });
        ArchiveProgress last = progress.get(progress.size() - 1);
        assertThat(last.filesDone()).isEqualTo(2);
        assertThat(last.bytesDone()).isEqualTo(700_010);
        assertThat(last.bytesNew()).isEqualTo(r.bytesAdded());
        assertThat(done.get()).isEqualTo(2);
    }

    @Test
    void aFailingRepositoryFailsTheRunWithoutHanging() throws Exception {
        Files.createDirectories(dir.resolve("d/sub"));
        for (int i = 0; i < 20; i++) {
            Files.write(dir.resolve("d/sub/f" + i), random(600_000, i));
        }
        BlobSaver broken = (type, id, plaintext, length) -> {
            throw new IOException("disk full");
        };
        Archiver archiver = new Archiver(broken, store, store, options(2));
        assertThatThrownBy(() -> archiver.snapshot(List.of(dir.resolve("d")), null, null))
                .isInstanceOf(IOException.class).hasMessageContaining("disk full");
    }

    /** Counts the data blobs handed to the store. */
    static final class CountingSaver implements BlobSaver {
        final BlobSaver delegate;
        final AtomicInteger dataSaves = new AtomicInteger();
        final AtomicInteger newData = new AtomicInteger();

        CountingSaver(BlobSaver delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean saveBlob(BlobType type, Id id, byte[] plaintext, int length) throws IOException {
            boolean created = delegate.saveBlob(type, id, plaintext, length);
            if (type == BlobType.DATA) {
                dataSaves.incrementAndGet();
                if (created) {
                    newData.incrementAndGet();
                }
            }
            return created;
        }
    }
}
