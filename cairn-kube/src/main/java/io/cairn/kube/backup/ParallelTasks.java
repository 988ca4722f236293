package io.cairn.kube.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a step's independent tasks (lists, gets) on a few threads; the first fatal IOException is rethrown. */
final class ParallelTasks implements AutoCloseable {
    /** One task; it handles per-item problems itself and throws only what must stop the backup. */
    @FunctionalInterface
    interface Task {
        void run() throws IOException;
    }

    private final ExecutorService pool;

    ParallelTasks(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cairn-capture");
            t.setDaemon(true);
            return t;
        });
    }

    void runAll(List<Task> tasks) throws IOException {
        List<Future<?>> futures = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            futures.add(pool.submit(() -> {
                task.run();
                return null;
            }));
        }
        IOException failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw new IOException("backup interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    if (failure == null) {
                        failure = io;
                        futures.forEach(x -> x.cancel(true));
                    }
                } else if (cause instanceof RuntimeException re) {
                    throw re;
                } else {
                    throw new IOException(cause);
                }
            } catch (java.util.concurrent.CancellationException e) {
                // cancelled after an earlier failure
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
