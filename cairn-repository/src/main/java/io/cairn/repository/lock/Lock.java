package io.cairn.repository.lock;

import io.cairn.repository.Id;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock this process holds. A background task refreshes it (a new lock file replaces the old one, as restic
 * does) so that others never see it as stale; {@link #close()} stops the refresh and removes the file.
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
    private volatile boolean closed;

    Lock(Locks locks, boolean exclusive, Id id, ScheduledExecutorService timer, long refreshMillis) {
        this.locks = locks;
        this.exclusive = exclusive;
        this.current = new AtomicReference<>(id);
        this.timer = timer;
        this.refresher = timer.scheduleWithFixedDelay(this::refreshQuietly, refreshMillis, refreshMillis,
                TimeUnit.MILLISECONDS);
    }

    public boolean exclusive() {
        return exclusive;
    }

    /** ID of the lock file currently representing this lock. */
    public Id id() {
        return current.get();
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
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        refresher.cancel(false);
        timer.shutdown();
        locks.remove(current.get());
    }
}
