package io.cairn.repository.lock;

import io.cairn.repository.Id;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock this process holds. A background task refreshes it (a new lock file replaces the old one, as restic
 * does) so that others never see it as stale; {@link #close()} stops the refresh and removes the file.
 *
 * <p>A new lock is <em>pending</em> until the second look for conflicting locks, a moment after writing ours
 * (see {@link Locks}), has found none. That look runs in the background so the command can read the
 * repository meanwhile; {@link #awaitConfirmed()} waits for it. The repository's writes wait for it on their
 * own (see {@link ConfirmedWrites}); a command with other side effects (files restored, objects applied to a
 * cluster) calls {@code awaitConfirmed()} before its first one.
 */
public final class Lock implements Closeable {
    /**
     * Looked up on the first warning only: getting a logger starts the logging backend, which in the CLI
     * (logback reading its XML configuration) loaded ~400 classes into every command, and with them into
     * the AOT cache that every command maps, although a command logs nothing unless a refresh fails.
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(Lock.class);
    }

    private final Locks locks;
    private final boolean exclusive;
    private final AtomicReference<Id> current;
    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> refresher;
    private final CompletableFuture<Void> confirmation = new CompletableFuture<>();
    private volatile boolean closed;

    Lock(Locks locks, boolean exclusive, Id id, ScheduledExecutorService timer, long refreshMillis, long recheckMillis) {
        this.locks = locks;
        this.exclusive = exclusive;
        this.current = new AtomicReference<>(id);
        this.timer = timer;
        this.refresher = timer.scheduleWithFixedDelay(this::refreshQuietly, refreshMillis, refreshMillis,
                TimeUnit.MILLISECONDS);
        timer.schedule(this::recheck, recheckMillis, TimeUnit.MILLISECONDS);
    }

    public boolean exclusive() {
        return exclusive;
    }

    /** ID of the lock file currently representing this lock. */
    public Id id() {
        return current.get();
    }

    /**
     * Returns once no conflicting lock appeared while ours was being written.
     *
     * @throws LockedException when one did; our lock file is then already removed
     */
    public void awaitConfirmed() throws IOException {
        try {
            confirmation.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("checking for other locks failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the repository lock");
        }
    }

    /** True once the lock is confirmed or has failed (then {@link #awaitConfirmed()} throws). */
    boolean settled() {
        return confirmation.isDone();
    }

    private void recheck() {
        try {
            locks.checkForOtherLocks(exclusive, current.get());
            confirmation.complete(null);
        } catch (IOException | RuntimeException e) {
            try {
                release(e);
            } catch (IOException | RuntimeException removal) {
                Log.LOG.warn("removing lock {} after a conflict failed: {}", current.get().shortString(),
                        removal.getMessage());
            }
        }
    }

    /** Writes a fresh lock file and removes the previous one. */
    public synchronized void refresh() throws IOException {
        if (closed) {
            return;
        }
        Id old = current.get();
        current.set(locks.write(exclusive));
        locks.remove(old);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (IOException | RuntimeException e) {
            Log.LOG.warn("refreshing lock {} failed: {}", current.get().shortString(), e.getMessage());
        }
    }

    /** Stops refreshing and removes the lock file. */
    @Override
    public void close() throws IOException {
        release(new LockedException("the repository lock was released", null));
    }

    /** Stops refreshing, removes the lock file, and only then settles a pending confirmation with {@code why}. */
    private synchronized void release(Throwable why) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        refresher.cancel(false);
        timer.shutdown();
        try {
            locks.remove(current.get());
        } finally {
            confirmation.completeExceptionally(why);
        }
    }
}
