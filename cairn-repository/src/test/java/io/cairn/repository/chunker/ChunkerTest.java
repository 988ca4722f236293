package io.cairn.repository.chunker;

import static io.cairn.repository.chunker.ChunkerTestData.chunkIds;
import static io.cairn.repository.chunker.ChunkerTestData.lengths;
import static io.cairn.repository.chunker.ChunkerTestData.random;
import static io.cairn.repository.chunker.ChunkerTestData.withPeriodicRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.Id;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private static final Polynomial POL = PolynomialTest.RESTIC_TEST_POL;
    private static final int MIB = 1024 * 1024;

    private final Chunker chunker = new Chunker(POL);

    @Test
    void zeroBytesAreCutAtMinSizeAsInResticsTests() throws IOException {
        // restic's chunker_test.go "chunks2": 4 * MinSize zero bytes give four MinSize chunks with this digest
        Id expected = Id.parse("07854d2fef297a06ba81685e660c332de36d5d18d546927d30daad6d7fda1541");
        List<Id> ids = chunkIds(chunker, new ByteArrayInputStream(new byte[4 * Chunker.MIN_SIZE]));
        assertThat(ids).containsExactly(expected, expected, expected, expected);
    }

    @Test
    void cutsTheBlobsResticStoredForTheSameData() throws IOException {
        // recorded from restic 0.14: `restic init` picked this polynomial, `restic backup` stored these blobs
        // for random(42, 6292233); ChunkerResticIT checks the same against the live binary
        Polynomial pol = Polynomial.parseHex("2d826130d01b2f");
        List<Id> ids = chunkIds(new Chunker(pol), new ByteArrayInputStream(random(42, 6292233)));
        assertThat(ids).extracting(Id::toString).containsExactly(
            "82cfd2d4a227cce75c62651083d6d57164ed44da7f53b52c707524a49810c6bf",
            "34e8841b1aca129bb065a343154945a9208fe016f8398478313af2cbea7da41c",
            "ebe99cde1b10315f8cd2eb4ef0b7cd2289d5f435230d09a2e7d9e5ea0583b0d1",
            "af162193a9b64101f599d7dfe285ee72e7b21b456ed6363c20c2fade11ec483c",
            "dcf02de296a4856fbba35ab2a54e4a66c48da54d9c5a5b405385e463d6f5ba19");
    }

    @Test
    void chunksStayWithinBoundsAndConcatenateToTheInput() throws IOException {
        byte[] data = withPeriodicRun(1, 14 * MIB + 12345, 3 * MIB, 9 * MIB);
        chunker.reset(new ByteArrayInputStream(data));
        ByteArrayOutputStream joined = new ByteArrayOutputStream(data.length);
        byte[] buffer = new byte[Chunker.MAX_SIZE];
        List<Integer> lengths = new java.util.ArrayList<>();
        for (int n; (n = chunker.next(buffer)) >= 0; ) {
            joined.write(buffer, 0, n);
            lengths.add(n);
        }
        assertThat(joined.toByteArray()).isEqualTo(data);
        assertThat(lengths.subList(0, lengths.size() - 1))
            .allSatisfy(n -> assertThat(n).isBetween(Chunker.MIN_SIZE, Chunker.MAX_SIZE));
        assertThat(lengths.getLast()).isBetween(1, Chunker.MAX_SIZE);
        assertThat(lengths).as("the periodic run forces a MAX_SIZE cut").contains(Chunker.MAX_SIZE);
        assertThat(lengths.size()).isGreaterThan(4);
    }

    @Test
    void agreesWithThePlainReferenceModel() throws IOException {
        byte[] data = withPeriodicRun(2, 13 * MIB + 7, 4 * MIB, 9 * MIB);
        for (Polynomial pol : List.of(POL, new Polynomial(0x2482734cacca49L), Polynomial.random())) {
            assertThat(lengths(new Chunker(pol), data)).as("polynomial %s", pol)
                .isEqualTo(new ReferenceChunker(pol).lengths(data));
        }
    }

    @Test
    void agreesWithThePlainReferenceModelForEveryDegree() throws IOException {
        // the other tests use degree 53; the tables and the tag byte must work for any degree the class takes
        SplittableRandom rnd = new SplittableRandom(11);
        for (int k = 17; k <= 53; k += 4) {
            Polynomial pol = new Polynomial((1L << k) | (rnd.nextLong() & ((1L << k) - 1)) | 1);
            byte[] data = random(100 + k, 6 * MIB + k);
            assertThat(lengths(new Chunker(pol), data)).as("polynomial %s", pol)
                .isEqualTo(new ReferenceChunker(pol).lengths(data));
        }
    }

    @Test
    void isDeterministicAndReusableAfterReset() throws IOException {
        byte[] a = random(3, 5 * MIB);
        byte[] b = random(4, 4 * MIB);
        List<Integer> first = lengths(chunker, a);
        // abandon a stream half-way, then start another: nothing of the first may leak into the second
        chunker.reset(new ByteArrayInputStream(b));
        chunker.next(new byte[Chunker.MAX_SIZE]);
        assertThat(lengths(chunker, a)).isEqualTo(first);
        assertThat(lengths(new Chunker(POL), a)).isEqualTo(first);
    }

    @Test
    void emptyStreamHasNoChunks() throws IOException {
        chunker.reset(InputStream.nullInputStream());
        byte[] buffer = new byte[Chunker.MAX_SIZE];
        assertThat(chunker.next(buffer)).isEqualTo(-1);
        assertThat(chunker.next(buffer)).isEqualTo(-1);
    }

    @Test
    void streamShorterThanMinSizeIsOneChunk() throws IOException {
        byte[] data = random(5, Chunker.MIN_SIZE - 1);
        chunker.reset(new ByteArrayInputStream(data));
        byte[] buffer = new byte[Chunker.MAX_SIZE];
        assertThat(chunker.next(buffer)).isEqualTo(data.length);
        assertThat(java.util.Arrays.copyOf(buffer, data.length)).isEqualTo(data);
        assertThat(chunker.next(buffer)).isEqualTo(-1);
        assertThat(lengths(chunker, new byte[] {42})).containsExactly(1);
        assertThat(lengths(chunker, random(6, Chunker.MIN_SIZE))).containsExactly(Chunker.MIN_SIZE);
    }

    @Test
    void boundariesDoNotDependOnHowTheStreamReturnsBytes() throws IOException {
        byte[] data = random(7, 3 * MIB);
        List<Integer> expected = lengths(chunker, data);
        assertThat(lengths(chunker, new TricklingInputStream(data, 11))).isEqualTo(expected);
        assertThat(lengths(chunker, new TricklingInputStream(data, 100_003))).isEqualTo(expected);
    }

    @Test
    void insertingBytesOnlyChangesTheChunksAroundTheInsertion() throws IOException {
        byte[] data = random(8, 8 * MIB);
        byte[] shifted = new byte[data.length + 100];
        System.arraycopy(data, 0, shifted, 100, data.length);
        List<Id> original = chunkIds(chunker, new ByteArrayInputStream(data));
        Set<Id> common = new HashSet<>(chunkIds(chunker, new ByteArrayInputStream(shifted)));
        common.retainAll(original);
        assertThat(common.size()).isGreaterThanOrEqualTo(original.size() - 2);
    }

    @Test
    void rejectsSmallBuffersAndUnsuitablePolynomials() {
        chunker.reset(new ByteArrayInputStream(new byte[10]));
        assertThatThrownBy(() -> chunker.next(new byte[Chunker.MAX_SIZE - 1]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chunker(new Polynomial(1L << 60))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chunker(POL).next(new byte[Chunker.MAX_SIZE]))
            .isInstanceOf(IllegalStateException.class);
    }

    /** Returns a random 1 to {@code maxPerRead} bytes per read, like a slow network stream. */
    private static final class TricklingInputStream extends InputStream {
        private final byte[] data;
        private final int maxPerRead;
        private final SplittableRandom rnd = new SplittableRandom(99);
        private int pos;

        TricklingInputStream(byte[] data, int maxPerRead) {
            this.data = data;
            this.maxPerRead = maxPerRead;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + rnd.nextInt(maxPerRead)), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
