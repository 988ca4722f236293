package io.cairn.repository.pack;

import static io.cairn.repository.pack.PackTestSupport.blobs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.BlobType;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.PackedBlob;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.FilterBackend;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.crypto.CryptoKey;
import io.cairn.repository.index.BlobEntry;
import io.cairn.repository.index.IndexFiles;
import io.cairn.repository.pack.PackTestSupport.TestBlob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackBlobStoreTest {
    private static final int SMALL_PACK = 64 * 1024;

    @TempDir
    Path dir;
    LocalBackend backend;
    final CryptoKey key = CryptoKey.random();

    @BeforeEach
    void createRepository() throws IOException {
        backend = new LocalBackend(dir);
        backend.create();
    }

    private PackBlobStore store(boolean compress) {
        return new PackBlobStore(backend, key, compress, SMALL_PACK);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void packsStagedInFilesOrKeptInMemoryRoundTripAndLeaveNoStagedFileBehind(boolean staged) throws IOException {
        Backend target = staged ? backend : new FilterBackend(backend) {
            @Override
            public Path stagingDirectory() {
                return null;
            }
        };
        List<TestBlob> blobs = blobs(200, 3);
        try (PackBlobStore store = new PackBlobStore(target, key, true, SMALL_PACK)) {
            for (TestBlob b : blobs.subList(0, 150)) {
                store.saveBlob(b.type(), b.id(), b.data(), b.data().length);
            }
            store.flush();
            for (TestBlob b : blobs.subList(0, 150)) {
                assertThat(store.loadBlob(b.type(), b.id())).isEqualTo(b.data());
            }
            for (TestBlob b : blobs.subList(150, 200)) { // left open: dropped at close
                store.saveBlob(b.type(), b.id(), b.data(), b.data().length);
            }
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir.resolve("data"))) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp"))).isEmpty();
        }
        assertThat(backend.list(FileType.PACK)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void roundTripsManyBlobsOfBothTypesInSeparatePacks(boolean compress) throws IOException {
        List<TestBlob> blobs = blobs(300, 1);
        try (PackBlobStore store = store(compress)) {
            for (TestBlob b : blobs) {
                assertThat(store.saveBlob(b.type(), b.id(), b.data(), b.data().length)).isTrue();
            }
            store.flush();
            assertThat(store.indexedBlobCount()).isEqualTo(300);
            for (TestBlob b : blobs) {
                assertThat(store.loadBlob(b.type(), b.id())).isEqualTo(b.data());
                PackedBlob where = store.lookup(b.type(), b.id());
                boolean compressible = b.data()[0] == '{' && b.data().length > 100;
                if (compressible) {
                    assertThat(where.isCompressed()).isEqualTo(compress);
                }
                if (!compress) {
                    assertThat(where.length()).isEqualTo(b.data().length + CryptoKey.OVERHEAD);
                }
            }
        }
        List<FileInfo> packs = backend.list(FileType.PACK);
        assertThat(packs).hasSizeGreaterThan(2);
        for (FileInfo f : packs) {
            byte[] pack = backend.load(new Handle(FileType.PACK, f.name()));
            assertThat(Id.hash(pack).toString()).isEqualTo(f.name());
            List<BlobEntry> header = PackHeader.read(key, Id.parse(f.name()), pack);
            assertThat(header.stream().map(BlobEntry::type).distinct()).hasSize(1);
            assertThat(PackHeader.packSize(header)).isEqualTo(pack.length);
        }
    }

    @Test
    void savesOnlyTheFirstLengthBytesAndStoresIncompressibleDataPlain() throws IOException {
        byte[] random = new byte[5000];
        new Random(7).nextBytes(random);
        Id id = Id.hash(random, 0, 3000);
        try (PackBlobStore store = store(true)) {
            store.saveBlob(BlobType.DATA, id, random, 3000);
            store.flush();
            assertThat(store.loadBlob(BlobType.DATA, id)).isEqualTo(Arrays.copyOf(random, 3000));
            assertThat(store.lookup(BlobType.DATA, id).isCompressed()).isFalse();
        }
    }

    @Test
    void concurrentSaversWriteEachBlobExactlyOnce() throws Exception {
        List<TestBlob> blobs = blobs(400, 2);
        AtomicInteger written = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (PackBlobStore store = new PackBlobStore(backend, key, true, 16 * 1024)) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                List<TestBlob> mine = new ArrayList<>(blobs);
                Collections.shuffle(mine, new Random(t));
                tasks.add(() -> {
                    for (TestBlob b : mine) {
                        if (store.saveBlob(b.type(), b.id(), b.data(), b.data().length)) {
                            written.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
            store.flush();
        } finally {
            pool.shutdown();
        }
        assertThat(written.get()).isEqualTo(400);
        List<BlobEntry> indexed = new ArrayList<>();
        for (FileInfo f : backend.list(FileType.INDEX)) {
            IndexFiles.read(backend, key, Id.parse(f.name()), p -> indexed.addAll(p.blobs()));
        }
        assertThat(indexed).hasSize(400);
        Set<Id> ids = new HashSet<>();
        indexed.forEach(e -> ids.add(e.id()));
        assertThat(ids).hasSize(400);
    }

    @Test
    void flushesRunningConcurrentlyWithSaversLoseNothing() throws Exception {
        List<TestBlob> blobs = blobs(300, 8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (PackBlobStore store = new PackBlobStore(backend, key, false, 8 * 1024)) {
            List<Future<?>> savers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                List<TestBlob> mine = new ArrayList<>(blobs);
                Collections.shuffle(mine, new Random(t));
                savers.add(pool.submit(() -> {
                    for (TestBlob b : mine) {
                        store.saveBlob(b.type(), b.id(), b.data(), b.data().length);
                    }
                    return null;
                }));
            }
            Future<?> flusher = pool.submit(() -> {
                while (!savers.stream().allMatch(Future::isDone)) {
                    store.flush();
                }
                return null;
            });
            for (Future<?> f : savers) {
                f.get();
            }
            flusher.get();
            store.flush();
        } finally {
            pool.shutdown();
        }
        List<BlobEntry> indexed = new ArrayList<>();
        for (FileInfo f : backend.list(FileType.INDEX)) {
            IndexFiles.read(backend, key, Id.parse(f.name()), p -> indexed.addAll(p.blobs()));
        }
        assertThat(indexed).hasSize(300);
        try (PackBlobStore reopened = store(false)) {
            reopened.loadIndex();
            for (TestBlob b : blobs) {
                assertThat(reopened.loadBlob(b.type(), b.id())).isEqualTo(b.data());
            }
        }
    }

    @Test
    void aReopenedStoreSeesEverythingAndDeduplicatesAgainstIt() throws IOException {
        List<TestBlob> blobs = blobs(120, 3);
        try (PackBlobStore store = store(true)) {
            for (TestBlob b : blobs.subList(0, 60)) {
                store.saveBlob(b.type(), b.id(), b.data(), b.data().length);
            }
            store.flush();
            for (TestBlob b : blobs.subList(60, 120)) {
                store.saveBlob(b.type(), b.id(), b.data(), b.data().length);
            }
            store.flush();
        }
        assertThat(backend.list(FileType.INDEX)).hasSize(2);
        try (PackBlobStore reopened = store(true)) {
            reopened.loadIndex();
            assertThat(reopened.indexedBlobCount()).isEqualTo(120);
            for (TestBlob b : blobs) {
                assertThat(reopened.loadBlob(b.type(), b.id())).isEqualTo(b.data());
                assertThat(reopened.saveBlob(b.type(), b.id(), b.data(), b.data().length)).isFalse();
            }
            reopened.loadIndex(); // loading twice tolerates the duplicates
            assertThat(reopened.indexedBlobCount()).isEqualTo(120);
        }
    }

    @Test
    void missingBlobIsNotFound() throws IOException {
        try (PackBlobStore store = store(true)) {
            assertThatThrownBy(() -> store.loadBlob(BlobType.DATA, Id.hash(new byte[] {1})))
                    .isInstanceOf(NotFoundException.class);
            assertThat(store.lookup(BlobType.DATA, Id.hash(new byte[] {1}))).isNull();
        }
    }

    @Test
    void aFlippedByteInAPackIsReportedWithPackAndBlob() throws IOException {
        TestBlob b = blobs(1, 4).get(0);
        try (PackBlobStore store = store(true)) {
            store.saveBlob(b.type(), b.id(), b.data(), b.data().length);
            store.flush();
            Id pack = PackTestSupport.onlyFile(backend, FileType.PACK);
            PackTestSupport.flipByte(PackTestSupport.path(backend, FileType.PACK, pack), 20);
            assertThatThrownBy(() -> store.loadBlob(b.type(), b.id()))
                    .isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining(pack.toString())
                    .hasMessageContaining(b.id().toString());
        }
    }

    @Test
    void aTruncatedIndexFileFailsLoadIndexNamingTheFile() throws IOException {
        TestBlob b = blobs(1, 5).get(0);
        try (PackBlobStore store = store(true)) {
            store.saveBlob(b.type(), b.id(), b.data(), b.data().length);
            store.flush();
        }
        Id index = PackTestSupport.onlyFile(backend, FileType.INDEX);
        Path file = PackTestSupport.path(backend, FileType.INDEX, index);
        PackTestSupport.truncate(file, file.toFile().length() / 2);
        try (PackBlobStore reopened = store(true)) {
            assertThatThrownBy(reopened::loadIndex)
                    .isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining("index/" + index);
        }
    }

    @Test
    void aFailedUploadFailsTheNextFlushAndEverySaveAfterIt() throws IOException {
        Backend failing = new FilterBackend(backend) {
            @Override
            public void save(Handle handle, byte[] data) throws IOException {
                if (handle.type() == FileType.PACK) {
                    throw new IOException("disk full");
                }
                super.save(handle, data);
            }

            @Override
            public void save(Handle handle, List<byte[]> parts) throws IOException {
                if (handle.type() == FileType.PACK) {
                    throw new IOException("disk full");
                }
                super.save(handle, parts);
            }

            @Override
            public void saveFile(Handle handle, Path source) throws IOException {
                if (handle.type() == FileType.PACK) {
                    throw new IOException("disk full");
                }
                super.saveFile(handle, source);
            }
        };
        List<TestBlob> blobs = blobs(2, 6);
        try (PackBlobStore store = new PackBlobStore(failing, key, true, SMALL_PACK)) {
            store.saveBlob(blobs.get(0).type(), blobs.get(0).id(), blobs.get(0).data(), blobs.get(0).data().length);
            assertThatThrownBy(store::flush).hasMessageContaining("disk full");
            assertThatThrownBy(() -> store.saveBlob(blobs.get(1).type(), blobs.get(1).id(), blobs.get(1).data(), 10))
                    .hasMessageContaining("disk full");
        }
        assertThat(backend.list(FileType.INDEX)).isEmpty();
    }
}
