package io.cairn.repository.chunker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Content-defined chunking with a Rabin fingerprint over a 64-byte window, cutting at exactly the places
 * restic's chunker (github.com/restic/chunker, as in restic 0.14) cuts for the same polynomial, so that data
 * stored by either tool deduplicates against the other.
 *
 * <p>The rules: a chunk is at least {@link #MIN_SIZE} bytes (unless the stream ends first) and at most
 * {@link #MAX_SIZE}. Its first {@code MIN_SIZE - 64} bytes are not fingerprinted; the window starts empty
 * (restic primes it with one byte of value 1) and slides over the bytes from there on. The chunk ends after the
 * first byte at offset {@code >= MIN_SIZE - 1} where the fingerprint's low 20 bits are all zero, or after
 * {@code MAX_SIZE} bytes, or at the end of the stream. Where the stream's reads return their bytes has no
 * influence on the boundaries.
 *
 * <p>The bytes of a chunk are read straight into the caller's buffer; only the bytes read past a cut (less than
 * 512 KiB) are kept until the next call. Not thread-safe; one instance per stream at a time, reusable through
 * {@link #reset(InputStream)}.
 */
public final class Chunker {
    public static final int MIN_SIZE = 512 * 1024;
    public static final int MAX_SIZE = 8 * 1024 * 1024;

    /** Size of the sliding window in bytes. */
    static final int WINDOW_SIZE = 64;
    /** A cut where the fingerprint's low 20 bits are zero: chunks of about 1 MiB on average. */
    private static final long SPLIT_MASK = (1L << 20) - 1;
    /** b1 * B1_TWICE puts b1 both at x^8, where it belongs in d2, and in the tag byte, where it adds to d1's. */
    private static final long B1_TWICE = (1L << RabinTables.TAG_SHIFT) | (1L << 8);
    /** A tagged value is unsigned below this exactly when its tag is zero. */
    private static final long TAG_ZERO_BELOW = 1L << RabinTables.TAG_SHIFT;
    /** How much is read from the stream at a time. Bytes read past a cut are fewer than this. */
    private static final int READ_SIZE = 512 * 1024;

    private final RabinTables tables;
    private long digest;
    private final byte[] carry = new byte[READ_SIZE];
    private int carryLength;
    private InputStream in;
    private boolean eof;

    /** Builds the fingerprint tables for {@code polynomial}, whose degree must be between 17 and 53. */
    public Chunker(Polynomial polynomial) {
        this.tables = new RabinTables(polynomial);
    }

    /** Starts chunking a new stream (reusing the tables built for the polynomial). */
    public void reset(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
        this.carryLength = 0;
        this.eof = false;
    }

    /**
     * Reads the next chunk into {@code buffer} (at least {@link #MAX_SIZE} long) and returns its length,
     * or -1 at the end of the stream.
     */
    public int next(byte[] buffer) throws IOException {
        if (in == null) {
            throw new IllegalStateException("reset(InputStream) was not called");
        }
        if (buffer.length < MAX_SIZE) {
            throw new IllegalArgumentException("buffer must hold " + MAX_SIZE + " bytes, has " + buffer.length);
        }
        int length = carryLength;
        System.arraycopy(carry, 0, buffer, 0, length);
        carryLength = 0;
        while (length < MIN_SIZE && !eof) {
            length += read(buffer, length);
        }
        if (length < MIN_SIZE) {
            return length == 0 ? -1 : length; // the stream ended: the rest is the last chunk
        }

        int cut = findCut(buffer, length);
        while (cut < 0) {
            int scanned = length;
            if (eof || scanned == MAX_SIZE) {
                cut = scanned;
                break;
            }
            length += read(buffer, length);
            cut = scan(buffer, scanned, length);
        }
        carryLength = length - cut;
        System.arraycopy(buffer, cut, carry, 0, carryLength);
        return cut;
    }

    /**
     * Fingerprints the window that ends at offset MIN_SIZE - 1, the first place a cut may happen, then scans the
     * rest of the first {@code length} bytes. Returns the chunk length if a cut was found, else -1.
     */
    private int findCut(byte[] buffer, int length) {
        long[] out = tables.out;
        long[] mod = tables.mod;
        int shift = tables.shift;
        // restic's fresh window holds 63 zeros and a 1 (the newest byte): fingerprint 1. Sliding out a zero
        // changes nothing (out[0] == 0); the 1 leaves when the 64th byte comes in.
        long d = 1;
        int last = MIN_SIZE - 1;
        for (int i = MIN_SIZE - WINDOW_SIZE; i < last; i++) {
            d = ((d << 8) | (buffer[i] & 0xff)) ^ mod[(int) (d >>> shift)];
        }
        d ^= out[1];
        d = ((d << 8) | (buffer[last] & 0xff)) ^ mod[(int) (d >>> shift)];
        digest = d;
        if ((d & SPLIT_MASK) == 0) {
            return MIN_SIZE;
        }
        return scan(buffer, MIN_SIZE, length);
    }

    /**
     * Slides the window over {@code buffer[from, to)} (from >= MIN_SIZE, so the byte leaving the window is
     * always at i - 64 in the same buffer), two bytes per step (see {@link RabinTables}). Returns the chunk
     * length if a cut was found, else -1.
     */
    private int scan(byte[] buffer, int from, int to) {
        final RabinTables t = tables;
        final long[] mod = t.mod;
        final long[] outShifted = t.outShifted;
        final long[] outShifted2 = t.outShifted2;
        final long[] hi16 = t.hi16;
        final long[] lo16 = t.lo16;
        final long low16Mask = t.low16Mask;
        final long mask = t.mask;
        final int shift = t.shift;
        final int shift2 = shift - 8;
        long d = digest;
        int i = from;
        for (int pairsEnd = to - 1; i < pairsEnd; i += 2) {
            int o1 = buffer[i - WINDOW_SIZE] & 0xff;
            int o2 = buffer[i - WINDOW_SIZE + 1] & 0xff;
            int b1 = buffer[i] & 0xff;
            int b2 = buffer[i + 1] & 0xff;
            int top = (int) (d >>> shift);
            // the terms that depend only on the data are combined first, off the chain through d
            long c = (outShifted2[o1] ^ (b1 * B1_TWICE)) ^ (outShifted[o2] ^ b2);
            long d2Tagged = (hi16[top] ^ lo16[(int) (d >>> shift2) & 0xff]) ^ (((d & low16Mask) << 16) ^ c);
            long d2 = d2Tagged & mask;
            // the tag is the low byte of d1 (see RabinTables): only if it is zero can d1 be a cut. One compare
            // per test, short-circuited (unsigned below 2^56: tag zero), measured fastest
            if (Long.compareUnsigned(d2Tagged, TAG_ZERO_BELOW) < 0 || (d2Tagged & SPLIT_MASK) == 0) {
                long d1 = (d << 8) ^ mod[top] ^ outShifted[o1] ^ b1;
                if ((d1 & SPLIT_MASK) == 0) {
                    digest = d1;
                    return i + 1;
                }
                if ((d2 & SPLIT_MASK) == 0) {
                    digest = d2;
                    return i + 2;
                }
            }
            d = d2;
        }
        if (i < to) {
            long c = outShifted[buffer[i - WINDOW_SIZE] & 0xff] ^ (buffer[i] & 0xff);
            d = mod[(int) (d >>> shift)] ^ ((d << 8) ^ c);
            if ((d & SPLIT_MASK) == 0) {
                digest = d;
                return i + 1;
            }
        }
        digest = d;
        return -1;
    }

    /** Reads up to one block (never past MAX_SIZE) into buffer at {@code offset}; notes the end of the stream. */
    private int read(byte[] buffer, int offset) throws IOException {
        int wanted = Math.min(READ_SIZE, MAX_SIZE - offset);
        int n = in.readNBytes(buffer, offset, wanted);
        if (n < wanted) {
            eof = true;
        }
        return n;
    }
}
