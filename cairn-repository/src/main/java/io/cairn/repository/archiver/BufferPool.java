package io.cairn.repository.archiver;

import io.cairn.repository.chunker.Chunker;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of {@link Chunker#MAX_SIZE} chunk buffers, allocated on first use. {@link #take()} blocks
 * while all are in flight, which is what bounds the memory of the whole pipeline.
 */
final class BufferPool {
    private final int capacity;
    private final BlockingQueue<byte[]> free;
    private final AtomicInteger allocated = new AtomicInteger();

    BufferPool(int capacity) {
        this.capacity = capacity;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    byte[] take() throws InterruptedException {
        byte[] buf = free.poll();
        if (buf != null) {
            return buf;
        }
        if (allocated.getAndUpdate(n -> n < capacity ? n + 1 : n) < capacity) {
            return new byte[Chunker.MAX_SIZE];
        }
        return free.take();
    }

    void release(byte[] buf) {
        if (!free.offer(buf)) {
            throw new IllegalStateException("buffer released twice");
        }
    }

    int capacity() {
        return capacity;
    }
}
