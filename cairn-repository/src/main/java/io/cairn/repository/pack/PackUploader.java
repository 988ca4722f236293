package io.cairn.repository.pack;

import io.cairn.repository.RepositoryException;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Uploads finished packs on a few threads. At most {@code maxInFlight} packs are queued or uploading; a
 * further {@link #submit} blocks, which bounds memory. The first failure is sticky: it is rethrown by every
 * later {@link #submit}, {@link #awaitAll} and {@link #checkFailure}, because the blobs of a lost pack cannot
 * be recovered from here.
 */
final class PackUploader implements AutoCloseable {
    private final Backend backend;
    private final ExecutorService pool;
    private final Semaphore permits;
    private final Consumer<PackBuilder.FinishedPack> onDurable;
    private final Consumer<PackBuilder.FinishedPack> onLost;
    private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicReference<IOException> failure = new AtomicReference<>();

    PackUploader(Backend backend, int threads, int maxInFlight, Consumer<PackBuilder.FinishedPack> onDurable,
                 Consumer<PackBuilder.FinishedPack> onLost) {
        this.backend = backend;
        this.onDurable = onDurable;
        this.onLost = onLost;
        this.permits = new Semaphore(maxInFlight);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cairn-pack-upload-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues the pack for upload, blocking while too many are in flight. */
    void submit(PackBuilder.FinishedPack pack) throws IOException {
        try {
            checkFailure();
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lost(pack);
            throw new InterruptedIOException("interrupted while waiting to upload pack " + pack.id());
        } catch (IOException e) {
            lost(pack);
            throw e;
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        inFlight.add(f);
        try {
            pool.execute(() -> upload(pack, f));
        } catch (RuntimeException e) {
            permits.release();
            inFlight.remove(f);
            lost(pack);
            throw new RepositoryException("cannot queue pack " + pack.id() + " for upload", e);
        }
    }

    private void upload(PackBuilder.FinishedPack pack, CompletableFuture<Void> f) {
        try {
            Handle handle = Handle.of(FileType.PACK, pack.id());
            if (pack.file() != null) {
                backend.saveFile(handle, pack.file());
            } else {
                backend.save(handle, pack.parts());
            }
            pack.discard();
            onDurable.accept(pack);
        } catch (IOException | RuntimeException e) {
            IOException io = e instanceof IOException x ? x
                    : new RepositoryException("uploading pack " + pack.id() + " failed", e);
            if (!failure.compareAndSet(null, io)) {
                failure.get().addSuppressed(io);
            }
            lost(pack);
        } finally {
            permits.release();
            inFlight.remove(f);
            f.complete(null);
        }
    }

    private void lost(PackBuilder.FinishedPack pack) {
        pack.discard();
        onLost.accept(pack);
    }

    /** Waits until every pack submitted before this call is durable (or failed), then reports a failure. */
    void awaitAll() throws IOException {
        List<CompletableFuture<Void>> waiting = new ArrayList<>(inFlight);
        for (CompletableFuture<Void> f : waiting) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for pack uploads");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        checkFailure();
    }

    void checkFailure() throws IOException {
        IOException e = failure.get();
        if (e != null) {
            throw new RepositoryException("a pack upload failed earlier; blobs since the last flush are lost: "
                    + e.getMessage(), e);
        }
    }

    /** Waits for running uploads, then stops the threads. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
