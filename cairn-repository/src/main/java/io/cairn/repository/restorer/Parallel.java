package io.cairn.repository.restorer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs {@code body(0..n-1)} on up to {@code threads} daemon threads; the body reports its own per-item failures. */
final class Parallel {
    /** Below this many items a pool costs more than it saves. */
    private static final int MIN_PARALLEL = 64;

    private Parallel() {
    }

    static void forEach(int threads, int n, IntConsumer body) throws java.io.InterruptedIOException {
        int workers = Math.min(threads, (n + MIN_PARALLEL - 1) / MIN_PARALLEL);
        if (workers <= 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean abort = new AtomicBoolean();
        Runnable worker = () -> {
            for (int i; !abort.get() && (i = next.getAndIncrement()) < n; ) {
                body.accept(i);
            }
        };
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "cairn-restore-fs-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(worker));
            }
            RuntimeException failure = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    abort.set(true);
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException re ? re
                                : e.getCause() instanceof Error err ? rethrow(err) : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } catch (InterruptedException e) {
            abort.set(true);
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while restoring");
        } finally {
            pool.shutdownNow();
        }
    }

    private static RuntimeException rethrow(Error e) {
        throw e;
    }
}
