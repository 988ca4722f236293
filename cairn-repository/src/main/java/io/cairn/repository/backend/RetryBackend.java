package io.cairn.repository.backend;

import io.cairn.repository.RepositoryException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Repeats calls that failed for a reason that may pass — {@link TransientBackendException} (5xx, timeouts,
 * connection resets) and socket errors — with exponential backoff and full jitter. Never retries what cannot
 * change: a missing file, a range past the end, denied access, a missing bucket, an unreachable host, or any
 * other repository error. Listing and loading are idempotent; saving is too, because content-addressed names
 * make a repeated write identical and S3 and local saves are atomic.
 */
public final class RetryBackend extends FilterBackend {
    /** Called before each retry; the default does nothing. */
    public interface Listener {
        Listener NONE = (what, attempt, delay, cause) -> {
        };

        void retrying(String what, int attempt, Duration delay, IOException cause);
    }

    /** Waits between attempts; tests replace it to run without sleeping. */
    public interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration d) throws InterruptedException;
    }

    /** @param maxAttempts first call included */
    public record Policy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
        public static final Policy DEFAULT = new Policy(10, Duration.ofMillis(200), Duration.ofSeconds(30));
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    private final Policy policy;
    private final Listener listener;
    private final Sleeper sleeper;

    public RetryBackend(Backend inner) {
        this(inner, Policy.DEFAULT, Listener.NONE, Sleeper.REAL);
    }

    public RetryBackend(Backend inner, Policy policy, Listener listener, Sleeper sleeper) {
        super(inner);
        this.policy = policy;
        this.listener = listener;
        this.sleeper = sleeper;
    }

    /** True for failures worth another attempt. */
    public static boolean isTransient(IOException e) {
        if (e instanceof TransientBackendException) {
            return true;
        }
        if (e instanceof RepositoryException || e instanceof FileSystemException || e instanceof EOFException) {
            return false;
        }
        if (e instanceof SocketTimeoutException || e instanceof SocketException) {
            return true;
        }
        return !(e instanceof InterruptedIOException);
    }

    private <T> T retry(String what, Call<T> call) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (IOException e) {
                if (attempt >= policy.maxAttempts() || !isTransient(e)) {
                    if (attempt > 1) {
                        e.addSuppressed(new RepositoryException("gave up after " + attempt + " attempts"));
                    }
                    throw e;
                }
                Duration delay = delay(attempt);
                listener.retrying(what, attempt, delay, e);
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    InterruptedIOException io = new InterruptedIOException("interrupted while retrying " + what);
                    io.initCause(e);
                    throw io;
                }
            }
        }
    }

    /** Full jitter: uniform in [0, min(max, initial·2^(attempt-1))]. */
    Duration delay(int attempt) {
        long cap = policy.maxDelay().toMillis();
        long base = policy.initialDelay().toMillis() << Math.min(attempt - 1, 30);
        long bound = Math.max(1, Math.min(cap, base));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound / 2, bound + 1));
    }

    @Override
    public void create() throws IOException {
        retry("create", () -> {
            inner.create();
            return null;
        });
    }

    @Override
    public boolean exists(Handle handle) throws IOException {
        return retry("stat " + handle, () -> inner.exists(handle));
    }

    @Override
    public byte[] load(Handle handle) throws IOException {
        return retry("load " + handle, () -> inner.load(handle));
    }

    @Override
    public byte[] load(Handle handle, long offset, int length) throws IOException {
        return retry("load " + handle, () -> inner.load(handle, offset, length));
    }

    @Override
    public void load(Handle handle, long offset, int length, byte[] into, int at) throws IOException {
        retry("load " + handle, () -> {
            inner.load(handle, offset, length, into, at);
            return null;
        });
    }

    @Override
    public long size(Handle handle) throws IOException {
        return retry("stat " + handle, () -> inner.size(handle));
    }

    @Override
    public void save(Handle handle, byte[] data) throws IOException {
        retry("save " + handle, () -> {
            inner.save(handle, data);
            return null;
        });
    }

    @Override
    public void save(Handle handle, List<byte[]> parts) throws IOException {
        retry("save " + handle, () -> {
            inner.save(handle, parts);
            return null;
        });
    }

    @Override
    public void saveFile(Handle handle, Path source) throws IOException {
        retry("save " + handle, () -> {
            inner.saveFile(handle, source);
            return null;
        });
    }

    @Override
    public void remove(Handle handle) throws IOException {
        retry("remove " + handle, () -> {
            inner.remove(handle);
            return null;
        });
    }

    @Override
    public List<FileInfo> list(FileType type) throws IOException {
        return retry("list " + type.directory(), () -> inner.list(type));
    }
}
