package io.cairn.repository.backend;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;

/** Lets at most {@code limit} calls reach the wrapped backend at once (restic's {@code -o *.connections}). */
public final class LimitedBackend extends FilterBackend {
    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    private final Semaphore permits;
    private final int limit;

    public LimitedBackend(Backend inner, int limit) {
        super(inner);
        if (limit < 1) {
            throw new IllegalArgumentException("connection limit must be at least 1");
        }
        this.limit = limit;
        this.permits = new Semaphore(limit, true);
    }

    public int limit() {
        return limit;
    }

    private <T> T limited(Call<T> call) throws IOException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a backend connection");
        }
        try {
            return call.run();
        } finally {
            permits.release();
        }
    }

    @Override
    public void create() throws IOException {
        limited(() -> {
            inner.create();
            return null;
        });
    }

    @Override
    public boolean exists(Handle handle) throws IOException {
        return limited(() -> inner.exists(handle));
    }

    @Override
    public byte[] load(Handle handle) throws IOException {
        return limited(() -> inner.load(handle));
    }

    @Override
    public byte[] load(Handle handle, long offset, int length) throws IOException {
        return limited(() -> inner.load(handle, offset, length));
    }

    @Override
    public void load(Handle handle, long offset, int length, byte[] into, int at) throws IOException {
        limited(() -> {
            inner.load(handle, offset, length, into, at);
            return null;
        });
    }

    @Override
    public long size(Handle handle) throws IOException {
        return limited(() -> inner.size(handle));
    }

    @Override
    public void save(Handle handle, byte[] data) throws IOException {
        limited(() -> {
            inner.save(handle, data);
            return null;
        });
    }

    @Override
    public void save(Handle handle, List<byte[]> parts) throws IOException {
        limited(() -> {
            inner.save(handle, parts);
            return null;
        });
    }

    @Override
    public void saveFile(Handle handle, Path source) throws IOException {
        limited(() -> {
            inner.saveFile(handle, source);
            return null;
        });
    }

    @Override
    public void remove(Handle handle) throws IOException {
        limited(() -> {
            inner.remove(handle);
            return null;
        });
    }

    @Override
    public List<FileInfo> list(FileType type) throws IOException {
        return limited(() -> inner.list(type));
    }
}
