package io.cairn.repository;

import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.chunker.Polynomial;
import io.cairn.repository.config.RepositoryConfig;
import io.cairn.repository.crypto.CryptoKey;
import io.cairn.repository.key.KeyRing;
import io.cairn.repository.key.ScryptParams;
import io.cairn.repository.lock.ConfirmedWrites;
import io.cairn.repository.lock.Lock;
import io.cairn.repository.lock.Locks;
import io.cairn.repository.pack.PackBlobStore;
import io.cairn.repository.snapshot.Snapshot;
import io.cairn.repository.snapshot.SnapshotStore;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * An open restic-format repository: its backend, the key it was opened with, its config, its blobs and its
 * snapshots. The repository owns the backend and closes it on {@link #close()}. Thread-safe.
 */
public final class Repository implements Closeable {
    private final ConfirmedWrites backend;
    private final KeyRing keys;
    private final RepositoryConfig config;
    private final SnapshotStore snapshots;
    private final Locks locks;
    private BlobStore blobs;

    private Repository(Backend backend, KeyRing keys, RepositoryConfig config) {
        this.backend = new ConfirmedWrites(backend);
        this.keys = keys;
        this.config = config;
        this.snapshots = new SnapshotStore(this.backend, keys.masterKey(), config.compression());
        this.locks = new Locks(backend, keys.masterKey(), config.compression());
    }

    /** Creates a version 2 repository with a random master key and chunker polynomial, guarded by {@code password}. */
    public static Repository init(Backend backend, char[] password) throws IOException {
        return init(backend, password, RepositoryConfig.MAX_VERSION, ScryptParams.DEFAULT);
    }

    /** Creates a repository of the given format version whose first key uses the given scrypt cost. */
    public static Repository init(Backend backend, char[] password, int version, ScryptParams kdf) throws IOException {
        RepositoryConfig config = RepositoryConfig.create(version, Polynomial.random());
        if (backend.exists(Handle.CONFIG)) {
            throw new RepositoryException(backend.location() + " already holds a repository (a config file exists)");
        }
        backend.create();
        KeyRing keys = KeyRing.create(backend, password, KeyRing.defaultUsername(), KeyRing.defaultHostname(), kdf);
        config.save(backend, keys.masterKey());
        return new Repository(backend, keys, config);
    }

    /**
     * Opens an existing repository.
     *
     * @throws NotARepositoryException when the location holds no config file
     * @throws WrongPasswordException when no key file opens with the password
     * @throws UnsupportedFormatException when the format version is newer than this build supports
     */
    public static Repository open(Backend backend, char[] password) throws IOException {
        if (!backend.exists(Handle.CONFIG)) {
            // Listing fails precisely (e.g. a missing S3 bucket) where a missing config file cannot.
            backend.list(io.cairn.repository.backend.FileType.KEY);
            throw new NotARepositoryException("there is no repository at " + backend.location()
                    + " (no config file); create one with `cairn repo init`");
        }
        KeyRing keys = KeyRing.open(backend, password);
        RepositoryConfig config;
        try {
            config = RepositoryConfig.load(backend, keys.masterKey());
        } catch (CorruptDataException e) {
            throw new CorruptDataException("config or key " + keys.currentKeyId().shortString() + " is damaged: "
                    + e.getMessage(), e);
        }
        return new Repository(backend, keys, config);
    }

    public Backend backend() {
        return backend;
    }

    public RepositoryConfig config() {
        return config;
    }

    public Polynomial polynomial() {
        return config.chunkerPolynomial();
    }

    /** The key file this session opened the repository with. */
    public Id keyId() {
        return keys.currentKeyId();
    }

    /** The master key, for components that seal repository files themselves. */
    public CryptoKey masterKey() {
        return keys.masterKey();
    }

    /** The key files of this repository (add, list, remove). */
    public KeyRing keys() {
        return keys;
    }

    /** The blob store, created on first use; its index is loaded only when the caller calls {@code loadIndex()}. */
    public synchronized BlobStore blobs() {
        if (blobs == null) {
            blobs = new PackBlobStore(backend, keys.masterKey(), config.compression());
        }
        return blobs;
    }

    /** The repository's lock files (list, remove stale ones). */
    public Locks locks() {
        return locks;
    }

    /**
     * Takes a shared lock (backup, restore, check), refreshed in the background until closed. Writes through
     * this repository wait until the lock is confirmed; call {@link Lock#awaitConfirmed()} before other side
     * effects.
     *
     * @throws io.cairn.repository.lock.LockedException while another process holds an exclusive lock
     */
    public Lock lockShared() throws IOException {
        return guarded(locks.lockShared());
    }

    /**
     * Takes an exclusive lock (prune, forget, key removal), refreshed in the background until closed. Writes
     * and removals through this repository wait until the lock is confirmed.
     *
     * @throws io.cairn.repository.lock.LockedException while another process holds any lock
     */
    public Lock lockExclusive() throws IOException {
        return guarded(locks.lockExclusive());
    }

    private Lock guarded(Lock lock) {
        backend.guardWith(lock);
        return lock;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    /** Writes a snapshot file (compressed in version 2) and returns its ID. */
    public Id saveSnapshot(Snapshot snapshot) throws IOException {
        return snapshots.save(snapshot);
    }

    public Snapshot loadSnapshot(Id id) throws IOException {
        return snapshots.load(id);
    }

    /** Every snapshot, oldest first, each with its ID. */
    public List<Snapshot> listSnapshots() throws IOException {
        return snapshots.list();
    }

    /** A full ID, a unique prefix, or {@code latest}. */
    public Snapshot findSnapshot(String ref) throws IOException {
        return snapshots.find(ref);
    }

    /** The newest snapshot the filter accepts. */
    public Snapshot findLatest(Predicate<Snapshot> filter) throws IOException {
        return snapshots.findLatest(filter);
    }

    /** Closes the blob store (without flushing: call {@code blobs().flush()} first) and the backend. */
    @Override
    public void close() throws IOException {
        BlobStore b;
        synchronized (this) {
            b = blobs;
            blobs = null;
        }
        try {
            if (b != null) {
                b.close();
            }
        } finally {
            backend.close();
        }
    }
}
