package io.cairn.repository.chunker;

/**
 * Lookup tables of the Rabin fingerprint for one polynomial P of degree k (immutable, so shareable).
 *
 * <p>The fingerprint of a byte string is its value as a polynomial mod P. Appending a byte b to a string with
 * fingerprint h gives {@code (h << 8 | b) mod P}; the 8 bits that the shift pushes above x^(k-1) index
 * {@link #mod}, whose entry both clears them and adds their remainder, so one XOR reduces. Sliding a byte o out
 * of the 64-byte window XORs {@link #out}[o], the fingerprint of o followed by 63 zero bytes.
 *
 * <p>Everything here is linear over GF(2), which the fast path uses: with G(h) = h * x^8 mod P, one step is
 * {@code h' = G(h) ^ G(out[o]) ^ b}, and two steps are {@code h'' = G(G(h)) ^ G(G(out[o1])) ^ (b1 << 8)
 * ^ G(out[o2]) ^ b2}, where G(G(h)) = h * x^16 mod P needs two independent lookups ({@link #hi16},
 * {@link #lo16}) on the top 16 bits of h. So h'' does not wait for h', and the dependency chain per two
 * bytes is about as long as the plain one per byte.
 *
 * <p>h' itself is needed only for the cut test (low 20 bits zero), so on every step only its low 8 bits are
 * made: {@code low8(mod[top]) ^ low8(G(out[o1])) ^ b1}, as G's shift leaves none of h's bits there. {@link #hi16}
 * and {@link #outShifted2} carry those table bytes as a tag in bits 56..63, above any fingerprint bit (k <= 53),
 * so the XORs that make h'' make the tag too (the scan adds b1); h' is computed in full only when the tag is
 * zero, one step in 256.
 */
final class RabinTables {
    final long[] out = new long[256];
    final long[] mod = new long[256];
    /** k - 8: shifting the fingerprint right by this gives the index into {@link #mod}. */
    final int shift;

    /** G(out[o]): slide out o and shift. */
    final long[] outShifted = new long[256];
    /** G(G(out[o])): slide out o and shift twice; tagged with the low byte of G(out[o]). */
    final long[] outShifted2 = new long[256];
    /** a * x^(k+8) mod P, for the top byte a of a fingerprint shifted by 16; tagged with the low byte of mod[a]. */
    final long[] hi16 = new long[256];
    /** a * x^k mod P, for the second byte a of a fingerprint shifted by 16. */
    final long[] lo16 = new long[256];
    /** The bits of a fingerprint that stay below x^k when it is shifted by 16. */
    final long low16Mask;
    /** 2^k - 1: the bits of a fingerprint; the rest of a tagged entry is the tag. */
    final long mask;
    /** Where the tag byte of {@link #hi16} and {@link #outShifted2} entries sits: above x^53, the highest k. */
    static final int TAG_SHIFT = 56;

    RabinTables(Polynomial polynomial) {
        long pol = polynomial.value();
        int k = polynomial.degree();
        if (k < 17 || k > 53) {
            throw new IllegalArgumentException("chunker polynomial must have a degree from 17 to 53: " + polynomial);
        }
        shift = k - 8;
        low16Mask = (1L << (k - 16)) - 1;
        mask = (1L << k) - 1;
        for (int b = 0; b < 256; b++) {
            long h = appendByte(0, b, pol);
            for (int i = 0; i < Chunker.WINDOW_SIZE - 1; i++) {
                h = appendByte(h, 0, pol);
            }
            out[b] = h;
            lo16[b] = Polynomial.mod((long) b << k, pol);
            mod[b] = lo16[b] | ((long) b << k);
            hi16[b] = Polynomial.mod(lo16[b] << 8, pol) | tag(mod[b]);
        }
        for (int b = 0; b < 256; b++) {
            outShifted[b] = appendByte(out[b], 0, pol);
            outShifted2[b] = appendByte(outShifted[b], 0, pol) | tag(outShifted[b]);
        }
    }

    /** The low byte of {@code value}, moved to the tag byte. */
    private static long tag(long value) {
        return (value & 0xff) << TAG_SHIFT;
    }

    private static long appendByte(long hash, int b, long pol) {
        return Polynomial.mod((hash << 8) | b, pol);
    }
}
