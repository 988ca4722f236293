package io.cairn.repository.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.Id;
import java.io.EOFException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link Backend} contract; every implementation and wrapper runs it through a subclass. */
public abstract class BackendContractTest {
    @TempDir
    protected Path tmp;
    protected Backend backend;

    /** A fresh, empty backend (not yet created). */
    protected abstract Backend newBackend(Path dir) throws Exception;

    /** Size of the "large file" case; S3 uses one above the multipart threshold. */
    protected int largeFileSize() {
        return 256 * 1024;
    }

    @BeforeEach
    void openBackend() throws Exception {
        backend = newBackend(tmp);
    }

    @AfterEach
    void closeBackend() throws Exception {
        if (backend != null) {
            backend.close();
        }
    }

    protected static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    protected static Handle pack(byte[] data) {
        return Handle.of(FileType.PACK, Id.hash(data));
    }

    @Test
    void aFileSavedInPartsIsTheirConcatenation() throws Exception {
        backend.create();
        byte[] a = bytes(70_000, 5);
        byte[] b = bytes(3, 6);
        Handle h = pack(a);
        backend.save(h, List.of(a, new byte[0], b));
        byte[] whole = new byte[a.length + b.length];
        System.arraycopy(a, 0, whole, 0, a.length);
        System.arraycopy(b, 0, whole, a.length, b.length);
        assertThat(backend.load(h)).isEqualTo(whole);
        assertThat(backend.size(h)).isEqualTo(whole.length);
        assertThat(backend.load(h, a.length - 1, 2)).containsExactly(a[a.length - 1], b[0]);
    }

    @Test
    void savedFilesLoadBackWholeAndAreListedByType() throws Exception {
        backend.create();
        byte[] config = bytes(100, 1);
        backend.save(Handle.CONFIG, config);
        List<Handle> saved = new ArrayList<>();
        for (FileType type : List.of(FileType.KEY, FileType.LOCK, FileType.SNAPSHOT, FileType.INDEX, FileType.PACK)) {
            for (int i = 0; i < 3; i++) {
                byte[] data = bytes(10 + i, type.ordinal() * 10L + i);
                Handle h = Handle.of(type, Id.hash(data));
                backend.save(h, data);
                saved.add(h);
                assertThat(backend.load(h)).isEqualTo(data);
                assertThat(backend.size(h)).isEqualTo(data.length);
                assertThat(backend.exists(h)).isTrue();
            }
        }
        assertThat(backend.load(Handle.CONFIG)).isEqualTo(config);
        assertThat(backend.list(FileType.CONFIG)).containsExactly(new FileInfo("config", 100));
        for (FileType type : List.of(FileType.KEY, FileType.LOCK, FileType.SNAPSHOT, FileType.INDEX, FileType.PACK)) {
            List<String> expected = saved.stream().filter(h -> h.type() == type).map(Handle::name).toList();
            assertThat(backend.list(type)).extracting(FileInfo::name).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void saveFileStoresAFilesContentAndLeavesTheFileForTheCaller() throws Exception {
        backend.create();
        byte[] data = bytes(70_000, 9);
        Handle h = pack(data);
        Path staging = backend.stagingDirectory();
        Path source = java.nio.file.Files.createTempFile(staging != null ? staging : tmp, ".tmp-test-", "");
        java.nio.file.Files.write(source, data);
        backend.saveFile(h, source);
        backend.saveFile(h, source); // again, as a retry after an unnoticed success would
        assertThat(backend.load(h)).isEqualTo(data);
        assertThat(source).exists();
        java.nio.file.Files.delete(source);
        assertThat(backend.load(h)).isEqualTo(data);
        assertThat(backend.list(FileType.PACK)).extracting(FileInfo::name).containsExactly(h.name());
    }

    @Test
    void missingFilesThrowNoSuchFileAndExistIsFalse() throws Exception {
        backend.create();
        Handle h = pack(bytes(10, 2));
        assertThat(backend.exists(h)).isFalse();
        assertThatThrownBy(() -> backend.load(h)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> backend.load(h, 0, 1)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> backend.load(h, 0, 1, new byte[1], 0)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> backend.size(h)).isInstanceOf(NoSuchFileException.class);
        backend.remove(h);
    }

    @Test
    void rangedLoadsReturnExactBytesAndPastTheEndIsEof() throws Exception {
        backend.create();
        byte[] data = bytes(1000, 3);
        Handle h = pack(data);
        backend.save(h, data);
        assertThat(backend.load(h, 0, 10)).isEqualTo(java.util.Arrays.copyOfRange(data, 0, 10));
        assertThat(backend.load(h, 990, 10)).isEqualTo(java.util.Arrays.copyOfRange(data, 990, 1000));
        assertThat(backend.load(h, 500, 0)).isEmpty();
        byte[] into = new byte[14];
        backend.load(h, 990, 10, into, 2);
        assertThat(java.util.Arrays.copyOfRange(into, 2, 12)).isEqualTo(java.util.Arrays.copyOfRange(data, 990, 1000));
        assertThat(into[0]).isZero();
        assertThat(into[13]).isZero();
        assertThatThrownBy(() -> backend.load(h, 995, 10, into, 0)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> backend.load(h, 995, 10)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> backend.load(h, 2000, 10)).isInstanceOf(EOFException.class);
    }

    @Test
    void emptyRepositoryListsNothing() throws Exception {
        backend.create();
        for (FileType type : FileType.values()) {
            assertThat(backend.list(type)).isEmpty();
        }
    }

    @Test
    void removeDeletesAndMissingIsNoError() throws Exception {
        backend.create();
        byte[] data = bytes(64, 4);
        Handle h = Handle.of(FileType.SNAPSHOT, Id.hash(data));
        backend.save(h, data);
        backend.remove(h);
        assertThat(backend.exists(h)).isFalse();
        assertThat(backend.list(FileType.SNAPSHOT)).isEmpty();
        backend.remove(h);
    }

    @Test
    void aLockFileCanBeReplaced() throws Exception {
        backend.create();
        Handle h = Handle.of(FileType.LOCK, Id.hash(bytes(8, 5)));
        backend.save(h, bytes(30, 6));
        backend.save(h, bytes(40, 7));
        assertThat(backend.load(h)).isEqualTo(bytes(40, 7));
        assertThat(backend.list(FileType.LOCK)).containsExactly(new FileInfo(h.name(), 40));
    }

    @Test
    void createRefusesWhenAConfigExists() throws Exception {
        backend.create();
        backend.save(Handle.CONFIG, bytes(10, 8));
        assertThatThrownBy(() -> backend.create()).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void largeFilesRoundTrip() throws Exception {
        backend.create();
        byte[] data = bytes(largeFileSize(), 9);
        Handle h = pack(data);
        backend.save(h, data);
        assertThat(backend.size(h)).isEqualTo(data.length);
        assertThat(Id.hash(backend.load(h))).isEqualTo(Id.hash(data));
        int off = data.length - 5000;
        assertThat(backend.load(h, off, 4000)).isEqualTo(java.util.Arrays.copyOfRange(data, off, off + 4000));
        assertThat(backend.list(FileType.PACK)).containsExactly(new FileInfo(h.name(), data.length));
    }

    @Test
    void concurrentSavesAndLoadsAllSucceed() throws Exception {
        backend.create();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Handle>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long seed = 100 + i;
                futures.add(pool.submit(() -> {
                    byte[] data = bytes(2000, seed);
                    Handle h = pack(data);
                    backend.save(h, data);
                    assertThat(backend.load(h)).isEqualTo(data);
                    return h;
                }));
            }
            for (Future<Handle> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(backend.list(FileType.PACK)).hasSize(40);
    }
}
