package io.cairn.repository.chunker;

import java.io.IOException;
import java.io.InputStream;

/**
 * STUB (fixed 1 MiB chunks so other work can test) — replaced by the chunker work. Content-defined chunking
 * with a Rabin fingerprint over a 64-byte window, exactly as restic's chunker: chunks of 512 KiB to 8 MiB,
 * cut where the fingerprint's low 20 bits are 0. Not thread-safe; one per stream.
 */
public final class Chunker {
    public static final int MIN_SIZE = 512 * 1024;
    public static final int MAX_SIZE = 8 * 1024 * 1024;

    private InputStream in;

    public Chunker(Polynomial polynomial) {
    }

    /** Starts chunking a new stream (reusing the tables built for the polynomial). */
    public void reset(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next chunk into {@code buffer} (at least {@link #MAX_SIZE} long) and returns its length,
     * or -1 at the end of the stream.
     */
    public int next(byte[] buffer) throws IOException {
        int n = in.readNBytes(buffer, 0, 1 << 20);
        return n == 0 ? -1 : n;
    }
}
