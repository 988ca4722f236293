package io.cairn.repository.archiver;

import io.cairn.repository.chunker.Chunker;
import java.util.ArrayDeque;

/**
 * The chunk buffers of a run, each {@link Chunker#MAX_SIZE} long. A reader chunks into one, hands that very
 * buffer to a saver and takes another; the saver gives it back once the chunk is saved. At most
 * {@code capacity} buffers ever exist, so a reader blocks in {@link #take} while all are out, which is what
 * bounds the memory of the whole pipeline. Reusing them, rather than copying each chunk into a fresh array of
 * its size, leaves a backup with almost no garbage: large short-lived arrays were promoted at every young
 * collection and made the heap grow to its limit.
 */
final class ChunkBuffers {
    private final int capacity;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private int created;

    /** @param capacity the most buffers that may exist; at least 1 */
    ChunkBuffers(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** A free buffer, made on first need; waits while all {@code capacity} are taken. */
    byte[] take() throws InterruptedException {
        synchronized (this) {
            while (free.isEmpty() && created == capacity) {
                wait();
            }
            if (!free.isEmpty()) {
                return free.pop();
            }
            created++;
        }
        try {
            return new byte[Chunker.MAX_SIZE];
        } catch (OutOfMemoryError e) {
            synchronized (this) {
                created--;
                notify();
            }
            throw e;
        }
    }

    /** Returns a buffer taken from this pool. */
    synchronized void give(byte[] buffer) {
        free.push(buffer);
        notify();
    }
}
