package io.cairn.repository.chunker;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately plain model of restic's chunker, written from its description: a 64-byte ring window,
 * one byte at a time, state reset after every cut. Slow, but easy to check by eye; the fast
 * {@link Chunker} must agree with it on every input.
 */
final class ReferenceChunker {
    private final long[] out = new long[256];
    private final long[] mod = new long[256];
    private final long pol;
    private final int shift;

    ReferenceChunker(Polynomial polynomial) {
        pol = polynomial.value();
        int k = polynomial.degree();
        shift = k - 8;
        for (int b = 0; b < 256; b++) {
            long h = Polynomial.mod(b, pol);
            for (int i = 0; i < 63; i++) {
                h = Polynomial.mod(h << 8, pol);
            }
            out[b] = h;
            mod[b] = Polynomial.mod((long) b << k, pol) | ((long) b << k);
        }
    }

    List<Integer> lengths(byte[] data) {
        List<Integer> lengths = new ArrayList<>();
        byte[] window = new byte[64];
        int wpos = 0;
        long digest = 0;
        int count = 0;
        int skip = 0;
        boolean fresh = true;
        for (byte value : data) {
            if (fresh) {
                java.util.Arrays.fill(window, (byte) 0);
                window[0] = 1;
                wpos = 1;
                digest = append(0, 1);
                count = 0;
                skip = Chunker.MIN_SIZE - 64;
                fresh = false;
            }
            count++;
            if (skip > 0) {
                skip--;
                continue;
            }
            int b = value & 0xff;
            digest ^= out[window[wpos] & 0xff];
            window[wpos] = value;
            wpos = (wpos + 1) % 64;
            digest = append(digest, b);
            if (count >= Chunker.MIN_SIZE && ((digest & 0xfffff) == 0 || count >= Chunker.MAX_SIZE)) {
                lengths.add(count);
                fresh = true;
            }
        }
        if (!fresh && count > 0) {
            lengths.add(count);
        }
        return lengths;
    }

    private long append(long digest, int b) {
        int index = (int) (digest >>> shift);
        return ((digest << 8) | b) ^ mod[index];
    }
}
