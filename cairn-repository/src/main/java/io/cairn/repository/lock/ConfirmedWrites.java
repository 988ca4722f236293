package io.cairn.repository.lock;

import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FilterBackend;
import io.cairn.repository.backend.Handle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The repository's backend as its users see it: reads pass straight through, while writes and removals wait
 * until the lock this process took is confirmed (see {@link Lock}) and fail if it was not. A command can so
 * read the index and the parent snapshot while its lock is still being confirmed, and never writes
 * without one. Lock files themselves bypass it (Locks holds the unwrapped backend).
 */
public final class ConfirmedWrites extends FilterBackend {
    private volatile Lock lock;

    public ConfirmedWrites(Backend inner) {
        super(inner);
    }

    /** From now on, writes wait for this lock's confirmation. */
    public void guardWith(Lock newLock) {
        this.lock = newLock;
    }

    private void awaitLock() throws IOException {
        Lock current = lock;
        if (current != null) {
            current.awaitConfirmed();
        }
    }

    @Override
    public void create() throws IOException {
        awaitLock();
        inner.create();
    }

    @Override
    public void save(Handle handle, byte[] data) throws IOException {
        awaitLock();
        inner.save(handle, data);
    }

    @Override
    public void save(Handle handle, List<byte[]> parts) throws IOException {
        awaitLock();
        inner.save(handle, parts);
    }

    @Override
    public void saveFile(Handle handle, Path source) throws IOException {
        awaitLock();
        inner.saveFile(handle, source);
    }

    @Override
    public int removeLeftovers() throws IOException {
        awaitLock();
        return inner.removeLeftovers();
    }

    @Override
    public void remove(Handle handle) throws IOException {
        awaitLock();
        inner.remove(handle);
    }
}
