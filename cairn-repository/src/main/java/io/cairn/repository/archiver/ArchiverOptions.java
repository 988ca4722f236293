package io.cairn.repository.archiver;

import io.cairn.repository.chunker.Chunker;
import io.cairn.repository.chunker.Polynomial;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link Archiver} runs.
 *
 * @param polynomial       the repository's chunker polynomial (from its config file)
 * @param parallelism      threads that hash and save blobs (compression and encryption happen inside
 *                         {@code saveBlob}); also the default number of file readers
 * @param readers          threads that open, chunk and (for small files) save files; 0 = {@code parallelism}
 * @param maxBufferBytes   bound on the bytes of chunks read but not saved yet (besides one {@link Chunker#MAX_SIZE}
 *                         chunking buffer per reader), in whole {@link Chunker#MAX_SIZE} buffers: a chunk in
 *                         flight occupies one whatever its size; at least one is always allowed
 * @param withAtime        record the real atime instead of mtime (restic's {@code --with-atime})
 * @param scan             count files and bytes in a background thread for percentage and ETA
 * @param progressInterval how often {@link ArchiveListener#progress} is called; zero for only at the end
 */
public record ArchiverOptions(
        Polynomial polynomial,
        int parallelism,
        int readers,
        long maxBufferBytes,
        boolean withAtime,
        boolean scan,
        Duration progressInterval) {

    /**
     * One chunk buffer in flight besides the readers' own: with the savers busy on the CPU anyway, a second
     * one (16 MiB) made no measurable difference to a backup's CPU or wall time and cost 8 MiB of heap.
     */
    public static final long DEFAULT_MAX_BUFFER_BYTES = 8L << 20;

    public ArchiverOptions {
        Objects.requireNonNull(polynomial, "polynomial");
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (parallelism < 1 || readers < 0 || maxBufferBytes < 0) {
            throw new IllegalArgumentException("parallelism must be >= 1, readers and maxBufferBytes >= 0");
        }
    }

    /** Defaults: one thread per core, one chunk buffer (8 MiB) in flight, no atime, background scan, progress every second. */
    public static ArchiverOptions defaults(Polynomial polynomial) {
        return new ArchiverOptions(polynomial, Runtime.getRuntime().availableProcessors(), 0,
                DEFAULT_MAX_BUFFER_BYTES, false, true, Duration.ofSeconds(1));
    }

    public ArchiverOptions withParallelism(int threads) {
        return new ArchiverOptions(polynomial, threads, readers, maxBufferBytes, withAtime, scan, progressInterval);
    }

    public ArchiverOptions withReaders(int threads) {
        return new ArchiverOptions(polynomial, parallelism, threads, maxBufferBytes, withAtime, scan, progressInterval);
    }

    public ArchiverOptions withMaxBufferBytes(long bytes) {
        return new ArchiverOptions(polynomial, parallelism, readers, bytes, withAtime, scan, progressInterval);
    }

    public ArchiverOptions withAtime(boolean enabled) {
        return new ArchiverOptions(polynomial, parallelism, readers, maxBufferBytes, enabled, scan, progressInterval);
    }

    public ArchiverOptions withScan(boolean enabled) {
        return new ArchiverOptions(polynomial, parallelism, readers, maxBufferBytes, withAtime, enabled, progressInterval);
    }

    public ArchiverOptions withProgressInterval(Duration interval) {
        return new ArchiverOptions(polynomial, parallelism, readers, maxBufferBytes, withAtime, scan, interval);
    }

    /** Chunk buffers that may be on their way to savers: {@code maxBufferBytes} in whole buffers, at least one. */
    int buffersInFlight() {
        return (int) Math.max(1, Math.min(maxBufferBytes / Chunker.MAX_SIZE, 1024));
    }

    int effectiveReaders() {
        return readers == 0 ? parallelism : readers;
    }
}
