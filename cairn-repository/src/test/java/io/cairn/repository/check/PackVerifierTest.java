package io.cairn.repository.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.FilterBackend;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.check.Problem.Kind;
import io.cairn.repository.crypto.CryptoKey;
import io.cairn.repository.pack.PackBlobStore;
import io.cairn.repository.pack.PackTestSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check --read-data reads a pack larger than its span in pieces, never whole, and still finds every fault. */
class PackVerifierTest {
    @TempDir
    Path dir;
    LocalBackend local;
    final CryptoKey key = CryptoKey.random();
    Id pack;
    long packSize;

    /** One 20 MiB pack: 2,000 small blobs (many per span), then 3 of 3 MiB, one of 6 MiB (larger than a span). */
    @BeforeEach
    void writeALargePack() throws IOException {
        local = new LocalBackend(dir);
        local.create();
        Random random = new Random(3);
        try (PackBlobStore store = new PackBlobStore(local, key, false, 64 * 1024 * 1024)) {
            for (int i = 0; i < 2000; i++) {
                save(store, random, 1 + random.nextInt(4000));
            }
            for (int i = 0; i < 3; i++) {
                save(store, random, 3 * 1024 * 1024);
            }
            save(store, random, 6 * 1024 * 1024);
            store.flush();
        }
        FileInfo only = local.list(FileType.PACK).get(0);
        assertThat(local.list(FileType.PACK)).hasSize(1);
        pack = Id.parse(only.name());
        packSize = only.size();
        assertThat(packSize).isGreaterThan(3L * PackVerifier.SPAN);
    }

    private static void save(PackBlobStore store, Random random, int size) throws IOException {
        byte[] data = new byte[size];
        random.nextBytes(data);
        store.saveBlob(BlobType.DATA, Id.hash(data), data, size);
    }

    @Test
    void readsTheWholePackInSpansAndVerifiesEveryBlob() throws IOException {
        CountingBackend counting = new CountingBackend(local);

        CheckResult result = new Checker(counting, key).check(true);

        assertThat(result.problems()).isEmpty();
        assertThat(result.blobsRead()).isEqualTo(2004);
        assertThat(counting.wholeLoads).hasValue(0);
        assertThat(counting.largestLoad.get()).isLessThanOrEqualTo(6 * 1024 * 1024 + CryptoKey.OVERHEAD);
        // every byte once, the tail's twice at most; 2,004 entries make a header larger than the tail, which is
        // then read apart (length field and header)
        assertThat(counting.bytesLoaded.get()).isBetween(packSize, packSize + PackVerifier.TAIL);
        assertThat(counting.rangedLoads.get()).isLessThan(20);
        assertThat(counting.allocatingLoads).hasValue(2);
    }

    @Test
    void aPackWhoseHeaderFitsTheTailIsReadWithoutExtraRequests() throws IOException {
        Path small = dir.resolve("small");
        LocalBackend backend = new LocalBackend(small);
        backend.create();
        Random random = new Random(5);
        try (PackBlobStore store = new PackBlobStore(backend, key, false, 64 * 1024 * 1024)) {
            for (int i = 0; i < 40; i++) {
                save(store, random, 200_000);
            }
            store.flush();
        }
        CountingBackend counting = new CountingBackend(backend);

        CheckResult result = new Checker(counting, key).check(true);

        assertThat(result.problems()).isEmpty();
        assertThat(result.blobsRead()).isEqualTo(40);
        assertThat(counting.allocatingLoads).hasValue(0);
        assertThat(counting.rangedLoads.get()).isEqualTo(1 + 2); // the tail, then 8 MiB of blobs in two spans
    }

    /** Counts the pack reads by form and size. */
    private static final class CountingBackend extends FilterBackend {
        final AtomicInteger wholeLoads = new AtomicInteger();
        final AtomicInteger allocatingLoads = new AtomicInteger();
        final AtomicInteger rangedLoads = new AtomicInteger();
        final AtomicLong largestLoad = new AtomicLong();
        final AtomicLong bytesLoaded = new AtomicLong();

        CountingBackend(Backend inner) {
            super(inner);
        }

        @Override
        public byte[] load(Handle handle) throws IOException {
            if (handle.type() == FileType.PACK) {
                wholeLoads.incrementAndGet();
            }
            return super.load(handle);
        }

        @Override
        public byte[] load(Handle handle, long offset, int length) throws IOException {
            if (handle.type() == FileType.PACK) {
                allocatingLoads.incrementAndGet();
            }
            return super.load(handle, offset, length);
        }

        @Override
        public void load(Handle handle, long offset, int length, byte[] into, int at) throws IOException {
            if (handle.type() == FileType.PACK) {
                rangedLoads.incrementAndGet();
                largestLoad.accumulateAndGet(length, Math::max);
                bytesLoaded.addAndGet(length);
            }
            super.load(handle, offset, length, into, at);
        }
    }

    @Test
    void findsAFlippedByteInALargeBlobAndInTheHeader() throws IOException {
        Path file = PackTestSupport.path(local, FileType.PACK, pack);
        PackTestSupport.flipByte(file, packSize - 4 * 1024 * 1024); // inside the 6 MiB blob
        CheckResult blobDamaged = new Checker(local, key).check(true);
        assertThat(blobDamaged.errors()).extracting(Problem::kind)
                .containsExactlyInAnyOrder(Kind.PACK_HASH_MISMATCH, Kind.BLOB_CORRUPT);

        PackTestSupport.flipByte(file, packSize - 4 * 1024 * 1024); // repaired
        PackTestSupport.flipByte(file, packSize - 10); // in the header's MAC
        CheckResult headerDamaged = new Checker(local, key).check(true);
        assertThat(headerDamaged.errors()).extracting(Problem::kind)
                .containsExactlyInAnyOrder(Kind.PACK_HASH_MISMATCH, Kind.PACK_HEADER_INVALID);
        assertThat(headerDamaged.blobsRead()).isEqualTo(2004); // the index's entries are verified instead
    }

    @Test
    void aTruncatedPackReportsWhatIsLostAndStillVerifiesTheRest() throws IOException {
        PackTestSupport.truncate(PackTestSupport.path(local, FileType.PACK, pack), packSize / 2);
        CheckResult result = new Checker(local, key).check(true);
        assertThat(result.errors()).extracting(Problem::kind).contains(Kind.PACK_SIZE_MISMATCH,
                Kind.PACK_HEADER_INVALID, Kind.BLOB_CORRUPT, Kind.PACK_HASH_MISMATCH);
        assertThat(result.errors()).filteredOn(p -> p.kind() == Kind.BLOB_CORRUPT)
                .allSatisfy(p -> assertThat(p.message()).contains("reaches past the end"));
        // the small blobs at the front are intact and verified
        assertThat(result.blobsRead()).isGreaterThanOrEqualTo(2000).isLessThan(2004);
    }
}
