package io.cairn.repository.chunker;

/**
 * The two lookup tables of the Rabin fingerprint for one polynomial P of degree k (immutable, so shareable).
 *
 * <p>The fingerprint of a byte string is its value as a polynomial mod P. Appending a byte b to a string with
 * fingerprint h gives {@code (h << 8 | b) mod P}; the 8 bits that the shift pushes above x^(k-1) index
 * {@link #mod}, whose entry both clears them and adds their remainder, so one XOR reduces. Sliding a byte o out
 * of the 64-byte window XORs {@link #out}[o], the fingerprint of o followed by 63 zero bytes.
 */
final class RabinTables {
    final long[] out = new long[256];
    final long[] mod = new long[256];
    /** k - 8: shifting the fingerprint right by this gives the index into {@link #mod}. */
    final int shift;

    RabinTables(Polynomial polynomial) {
        long pol = polynomial.value();
        int k = polynomial.degree();
        if (k < 9 || k > 53) {
            throw new IllegalArgumentException("chunker polynomial must have a degree from 9 to 53: " + polynomial);
        }
        shift = k - 8;
        for (int b = 0; b < 256; b++) {
            long h = appendByte(0, b, pol);
            for (int i = 0; i < Chunker.WINDOW_SIZE - 1; i++) {
                h = appendByte(h, 0, pol);
            }
            out[b] = h;
            mod[b] = Polynomial.mod((long) b << k, pol) | ((long) b << k);
        }
    }

    private static long appendByte(long hash, int b, long pol) {
        return Polynomial.mod((hash << 8) | b, pol);
    }
}
