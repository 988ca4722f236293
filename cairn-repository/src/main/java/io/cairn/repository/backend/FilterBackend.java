package io.cairn.repository.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A backend that forwards every call to another one, each form of read and write as it is (so packs are not
 * copied on their way through). Wrappers (retry, limits, lock gate, cache, fault injection) extend it and
 * override what they change: one that changes writes overrides every form of {@code save} and
 * {@code saveFile}, one that changes reads every form of {@code load}.
 */
public abstract class FilterBackend implements Backend {
    protected final Backend inner;

    protected FilterBackend(Backend inner) {
        this.inner = inner;
    }

    /** The wrapped backend. */
    public Backend inner() {
        return inner;
    }

    @Override
    public String location() {
        return inner.location();
    }

    @Override
    public void create() throws IOException {
        inner.create();
    }

    @Override
    public boolean exists(Handle handle) throws IOException {
        return inner.exists(handle);
    }

    @Override
    public byte[] load(Handle handle) throws IOException {
        return inner.load(handle);
    }

    @Override
    public byte[] load(Handle handle, long offset, int length) throws IOException {
        return inner.load(handle, offset, length);
    }

    @Override
    public void load(Handle handle, long offset, int length, byte[] into, int at) throws IOException {
        inner.load(handle, offset, length, into, at);
    }

    @Override
    public long size(Handle handle) throws IOException {
        return inner.size(handle);
    }

    @Override
    public void save(Handle handle, byte[] data) throws IOException {
        inner.save(handle, data);
    }

    /**
     * Forwards the parts as they are: the interface's default would first copy them into one pack-sized array.
     * A wrapper that changes saves overrides both methods.
     */
    @Override
    public void save(Handle handle, List<byte[]> parts) throws IOException {
        inner.save(handle, parts);
    }

    @Override
    public Path stagingDirectory() {
        return inner.stagingDirectory();
    }

    /** Forwards as it is; a wrapper that changes saves overrides this too. */
    @Override
    public void saveFile(Handle handle, Path source) throws IOException {
        inner.saveFile(handle, source);
    }

    @Override
    public int removeLeftovers() throws IOException {
        return inner.removeLeftovers();
    }

    @Override
    public void remove(Handle handle) throws IOException {
        inner.remove(handle);
    }

    @Override
    public List<FileInfo> list(FileType type) throws IOException {
        return inner.list(type);
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
