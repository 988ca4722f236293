package io.cairn.repository.archiver;

import io.cairn.repository.chunker.Chunker;
import java.util.concurrent.Semaphore;

/**
 * Bounds the bytes of chunks that readers have handed to savers and that are not saved yet; a reader blocks
 * in {@link #acquire} while the budget is spent, which is what bounds the memory of the whole pipeline.
 * Budgeting bytes rather than buffers matters because chunks average 1 MiB but may reach
 * {@link Chunker#MAX_SIZE}: each chunk is held in an array of exactly its size.
 */
final class ChunkBudget {
    private final int capacity;
    private final Semaphore permits;

    /** @param maxBytes the budget; raised to one maximum-size chunk so that every chunk fits */
    ChunkBudget(long maxBytes) {
        this.capacity = (int) Math.max(Chunker.MAX_SIZE, Math.min(maxBytes, 1L << 30));
        this.permits = new Semaphore(capacity, true);
    }

    void acquire(int bytes) throws InterruptedException {
        permits.acquire(bytes);
    }

    void release(int bytes) {
        permits.release(bytes);
    }
}
