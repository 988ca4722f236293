package io.cairn.kube.volumes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one task per volume, at most {@code parallelism} at once, and waits for all of them. */
final class VolumeTasks {
    interface Task<T> {
        void run(T item) throws Exception;
    }

    private VolumeTasks() {
    }

    /**
     * Runs every task; a task's exception goes to {@code failed} for its item and the others go on.
     * On interrupt the running tasks are interrupted too (their pods are deleted by their own finally blocks).
     */
    static <T> void forEach(List<T> items, int parallelism, Task<T> task, java.util.function.BiConsumer<T, Exception> failed)
            throws InterruptedException {
        if (items.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()), r -> {
            Thread t = new Thread(r, "cairn-volume");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    try {
                        task.run(item);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failed.accept(item, e);
                    } catch (Exception e) {
                        failed.accept(item, e);
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
