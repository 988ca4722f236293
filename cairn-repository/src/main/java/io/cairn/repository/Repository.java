package io.cairn.repository;

import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.cache.CacheDirectory;
import io.cairn.repository.cache.CacheHints;
import io.cairn.repository.cache.CachingBackend;
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
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
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
    private final CacheHints cache;
    private BlobStore blobs;

    private Repository(Backend backend, KeyRing keys, RepositoryConfig config) {
        this(backend, keys, config, null);
    }

    /** @param cached {@code backend} wrapped with a local cache, or null */
    private Repository(Backend backend, KeyRing keys, RepositoryConfig config, CachingBackend cached) {
        this.backend = new ConfirmedWrites(cached != null ? cached : backend);
        this.keys = keys;
        this.config = config;
        this.cache = cached != null ? cached : CacheHints.NONE;
        this.snapshots = new SnapshotStore(this.backend, keys.masterKey(), config.compression(), cache);
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
        return open(backend, password, null, message -> { });
    }

    /**
     * Opens an existing repository whose index, snapshot and tree pack files are kept in a local cache under
     * {@code cacheRoot/<repository ID>} (see {@link CachingBackend}). When that directory cannot be created,
     * {@code warn} hears why and the repository is opened without a cache.
     *
     * @param cacheRoot the cache's root directory, or null for no cache
     */
    public static Repository open(Backend backend, char[] password, Path cacheRoot, Consumer<String> warn)
            throws IOException {
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
        CachingBackend cached = null;
        if (cacheRoot != null) {
            try {
                cached = new CachingBackend(backend, CacheDirectory.prepare(cacheRoot, config.id()), warn);
            } catch (IOException e) {
                warn.accept("cannot use the cache directory " + cacheRoot + " (" + e + "); running without a cache");
            }
        }
        return new Repository(backend, keys, config, cached);
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
            blobs = newBlobStore();
        }
        return blobs;
    }

    /** A blob store of its own (with an empty index) over this repository, e.g. for prune; the caller closes it. */
    public PackBlobStore newBlobStore() {
        return new PackBlobStore(backend, keys.masterKey(), config.compression(), cache);
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
