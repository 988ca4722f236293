package io.cairn.repository.chunker;

import io.cairn.repository.Id;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Reproducible test inputs for the chunker, and helpers that run it. */
final class ChunkerTestData {
    private ChunkerTestData() {
    }

    static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < size; i += 8) {
            long v = rnd.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                data[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return data;
    }

    /**
     * Random data with, from {@code periodicAt}, a run of {@code periodicLength} bytes repeating a 64-byte
     * pattern: its fingerprint cycles through 64 values, so almost surely no cut falls there and the chunker
     * must cut at MAX_SIZE.
     */
    static byte[] withPeriodicRun(long seed, int size, int periodicAt, int periodicLength) {
        byte[] data = random(seed, size);
        byte[] pattern = random(seed + 1, 64);
        for (int i = 0; i < periodicLength; i++) {
            data[periodicAt + i] = pattern[i % 64];
        }
        return data;
    }

    /** The chunk lengths of {@code in}, in order. */
    static List<Integer> lengths(Chunker chunker, InputStream in) throws IOException {
        List<Integer> lengths = new ArrayList<>();
        chunker.reset(in);
        byte[] buffer = new byte[Chunker.MAX_SIZE];
        for (int n; (n = chunker.next(buffer)) >= 0; ) {
            lengths.add(n);
        }
        return lengths;
    }

    static List<Integer> lengths(Chunker chunker, byte[] data) throws IOException {
        return lengths(chunker, new ByteArrayInputStream(data));
    }

    /** SHA-256 of each chunk of {@code in}, in order: the blob IDs restic would store. */
    static List<Id> chunkIds(Chunker chunker, InputStream in) throws IOException {
        List<Id> ids = new ArrayList<>();
        chunker.reset(in);
        byte[] buffer = new byte[Chunker.MAX_SIZE];
        for (int n; (n = chunker.next(buffer)) >= 0; ) {
            ids.add(Id.hash(buffer, 0, n));
        }
        return ids;
    }
}
