package io.cairn.repository.pack;

import io.cairn.repository.BlobHandle;
import io.cairn.repository.BlobSink;
import io.cairn.repository.BlobStore;
import io.cairn.repository.BlobType;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.PackedBlob;
import io.cairn.repository.RepositoryException;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.cache.CacheHints;
import io.cairn.repository.crypto.CryptoKey;
import io.cairn.repository.index.IndexFiles;
import io.cairn.repository.index.IndexTable;
import io.cairn.repository.index.PackContents;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Blobs in restic packs, with a compact in-memory index.
 *
 * <p>Saving: a blob is claimed in a set of pending blobs (so concurrent savers write it once), compressed and
 * sealed by the calling thread without any shared lock (into a buffer the thread reuses), then appended to the
 * open pack of its type under a short per-type lock: written to the pack's staged file when the backend
 * offers a staging directory (see {@link PackBuilder}), else copied into memory. A pack that reaches the target size is finished and handed to a small upload pool; at
 * most {@link #MAX_PACKS_IN_FLIGHT} finished packs wait, after which savers block. When a pack is durable its
 * blobs enter the in-memory index (so they can be read and deduplicated) and it is remembered for the next
 * index file, which {@link #flush()} writes.
 *
 * <p>{@link #close()} stops the upload threads; blobs not flushed are dropped (packs already uploaded stay in
 * the repository unindexed, as after a crash).
 */
public final class PackBlobStore implements BlobStore {
    /**
     * Target pack size: between restic's 4 MiB minimum and its 16 MiB default; 8 MiB files are as cheap per
     * byte to write and read as 16 MiB ones, and with a backend that cannot stage packs in files (S3) every
     * open or in-flight pack is held in memory.
     */
    public static final int DEFAULT_PACK_SIZE = 8 * 1024 * 1024;
    public static final int UPLOAD_THREADS = 2;
    /** {@link #loadBlobs} reads over gaps up to this size rather than making another request. */
    static final int MAX_READ_GAP = 512 * 1024;
    /** The most {@link #loadBlobs} reads at once (and holds in memory besides one plaintext). */
    static final int MAX_READ_SPAN = 4 * 1024 * 1024;
    public static final int MAX_PACKS_IN_FLIGHT = 2;
    /** Index entries parsed before they are added to the table (under its write lock) in one go. */
    private static final int INDEX_BATCH = 8192;

    private final Backend backend;
    private final CryptoKey key;
    private final boolean compress;
    private final int packSize;
    private final IndexTable index = new IndexTable();
    private final ConcurrentHashMap<BlobHandle, Boolean> pending = new ConcurrentHashMap<>();
    /** Savers hold it shared from claim to append; flush takes it exclusively to cut the open packs. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final PackBuilder[] open = new PackBuilder[BlobType.values().length];
    /** One lock per blob type guards its open pack (appending a blob writes it to the pack's staged file). */
    private final Object[] locks = new Object[BlobType.values().length];
    /** Where open packs are written as they grow, or null to keep them in memory ({@link Backend#stagingDirectory}). */
    private final Path stagingDirectory;
    private final ReentrantLock flushLock = new ReentrantLock();
    private final List<PackContents> unindexed = new ArrayList<>();
    private final PackUploader uploader;
    private final CacheHints cache;
    /** Each reading thread's buffer for decompressed blobs (see {@link #loadBlobs}). */
    private final ThreadLocal<BlobCodec.Scratch> scratch = ThreadLocal.withInitial(BlobCodec.Scratch::new);

    /** @param compress true for repository version 2 (zstd, stored compressed only when smaller) */
    public PackBlobStore(Backend backend, CryptoKey key, boolean compress) {
        this(backend, key, compress, DEFAULT_PACK_SIZE, CacheHints.NONE);
    }

    /** @param cache told which packs hold trees (as they are written or read) and which copies failed */
    public PackBlobStore(Backend backend, CryptoKey key, boolean compress, CacheHints cache) {
        this(backend, key, compress, DEFAULT_PACK_SIZE, cache);
    }

    /** @param packSize target size of a pack in bytes; a pack is finished once it reaches it */
    public PackBlobStore(Backend backend, CryptoKey key, boolean compress, int packSize) {
        this(backend, key, compress, packSize, CacheHints.NONE);
    }

    private PackBlobStore(Backend backend, CryptoKey key, boolean compress, int packSize, CacheHints cache) {
        if (packSize < 1) {
            throw new IllegalArgumentException("pack size must be positive");
        }
        this.backend = backend;
        this.key = key;
        this.compress = compress;
        this.packSize = packSize;
        this.cache = cache;
        this.stagingDirectory = backend.stagingDirectory();
        for (BlobType t : BlobType.values()) {
            locks[t.ordinal()] = new Object();
            open[t.ordinal()] = newBuilder(t);
        }
        this.uploader = new PackUploader(backend, UPLOAD_THREADS, MAX_PACKS_IN_FLIGHT, this::packDurable,
                this::packLost);
    }

    @Override
    public boolean saveBlob(BlobType type, Id id, byte[] plaintext, int length) throws IOException {
        uploader.checkFailure();
        if (index.has(type, id)) {
            return false;
        }
        BlobHandle handle = new BlobHandle(type, id);
        if (pending.putIfAbsent(handle, Boolean.TRUE) != null) {
            return false;
        }
        // An upload may have moved the blob from pending to the index between the two checks.
        if (index.has(type, id)) {
            pending.remove(handle);
            return false;
        }
        gate.readLock().lock();
        try {
            BlobCodec.Sealed sealed;
            try {
                sealed = BlobCodec.seal(key, plaintext, length, compress);
            } catch (RuntimeException e) {
                pending.remove(handle);
                throw e;
            }
            PackBuilder full = null;
            synchronized (locks[type.ordinal()]) {
                PackBuilder builder = open[type.ordinal()];
                try {
                    builder.add(id, sealed);
                } catch (IOException | RuntimeException e) {
                    pending.remove(handle);
                    throw e;
                }
                if (builder.isFull()) {
                    full = builder;
                    open[type.ordinal()] = newBuilder(type);
                }
            }
            if (full != null) {
                submit(full);
            }
        } finally {
            gate.readLock().unlock();
        }
        return true;
    }

    @Override
    public void flush() throws IOException {
        flushLock.lock();
        try {
            uploader.checkFailure();
            List<PackBuilder> cut = new ArrayList<>();
            gate.writeLock().lock();
            try {
                for (BlobType t : BlobType.values()) {
                    synchronized (locks[t.ordinal()]) {
                        if (!open[t.ordinal()].isEmpty()) {
                            cut.add(open[t.ordinal()]);
                            open[t.ordinal()] = newBuilder(t);
                        }
                    }
                }
            } finally {
                gate.writeLock().unlock();
            }
            for (PackBuilder b : cut) {
                submit(b);
            }
            uploader.awaitAll();
            List<PackContents> packs;
            synchronized (unindexed) {
                packs = new ArrayList<>(unindexed);
                unindexed.clear();
            }
            if (packs.isEmpty()) {
                return;
            }
            try {
                IndexFiles.write(backend, key, compress, packs,
                        compress ? IndexFiles.MAX_BLOBS_COMPRESSED : IndexFiles.MAX_BLOBS);
            } catch (IOException | RuntimeException e) {
                synchronized (unindexed) {
                    unindexed.addAll(0, packs);
                }
                throw e;
            }
        } finally {
            flushLock.unlock();
        }
    }

    private void submit(PackBuilder builder) throws IOException {
        PackBuilder.FinishedPack pack = finish(builder);
        if (builder.type() == BlobType.TREE) {
            cache.treePack(pack.id());
        }
        uploader.submit(pack);
    }

    private PackBuilder newBuilder(BlobType type) {
        return new PackBuilder(type, packSize, stagingDirectory);
    }

    /** Finishes a pack; if that fails its blobs are no longer pending (they were not saved). */
    private PackBuilder.FinishedPack finish(PackBuilder builder) throws IOException {
        try {
            return builder.finish(key);
        } catch (IOException | RuntimeException e) {
            packLost(builder);
            throw e;
        }
    }

    private void packLost(PackBuilder builder) {
        builder.discard();
        builder.entries().forEach(b -> pending.remove(b.handle()));
    }

    private void packDurable(PackBuilder.FinishedPack pack) {
        PackContents contents = pack.contents();
        index.add(contents.packId(), contents.blobs());
        synchronized (unindexed) {
            unindexed.add(contents);
        }
        contents.blobs().forEach(b -> pending.remove(b.handle()));
    }

    private void packLost(PackBuilder.FinishedPack pack) {
        pack.contents().blobs().forEach(b -> pending.remove(b.handle()));
    }

    @Override
    public PackedBlob lookup(BlobType type, Id id) {
        return index.lookup(type, id);
    }

    @Override
    public boolean has(BlobType type, Id id) {
        return index.has(type, id);
    }

    @Override
    public byte[] loadBlob(BlobType type, Id id) throws IOException {
        PackedBlob where = index.lookup(type, id);
        if (where == null) {
            throw new NotFoundException("blob " + type.jsonName() + " " + id + " is not in the index");
        }
        return loadBlob(where);
    }

    @Override
    public byte[] loadBlob(PackedBlob where) throws IOException {
        try {
            return BlobCodec.open(key, loadRange(where, where.offset(), where.length()), where);
        } catch (CorruptDataException e) {
            if (!cache.forget(Handle.of(FileType.PACK, where.packId()))) {
                throw e;
            }
            // The cached copy was damaged; this reads the repository's.
            return BlobCodec.open(key, loadRange(where, where.offset(), where.length()), where);
        }
    }

    /**
     * Reads each run of neighbouring blobs of a pack (gaps under {@link #MAX_READ_GAP}, at most
     * {@link #MAX_READ_SPAN} in all) with one backend request: a full restore then costs one request per
     * pack rather than one per blob. The span is read into a buffer the thread reuses, blobs are decrypted in
     * place there and decompressed into another reused buffer, so the sink gets a view that is valid only
     * during its call, and a restore makes no garbage per blob.
     */
    @Override
    public void loadBlobs(List<PackedBlob> blobs, BlobSink sink) throws IOException {
        int i = 0;
        while (i < blobs.size()) {
            PackedBlob first = blobs.get(i);
            long end = first.offset() + first.length();
            int j = i + 1;
            for (; j < blobs.size(); j++) {
                PackedBlob b = blobs.get(j);
                if (!b.packId().equals(first.packId()) || b.offset() < end || b.offset() - end > MAX_READ_GAP
                        || b.offset() + b.length() - first.offset() > MAX_READ_SPAN) {
                    break;
                }
                end = b.offset() + b.length();
            }
            BlobCodec.Scratch buffers = scratch.get();
            byte[] span = buffers.span((int) (end - first.offset()));
            loadRange(first, first.offset(), (int) (end - first.offset()), span);
            for (int k = i; k < j; k++) {
                PackedBlob b = blobs.get(k);
                BlobCodec.Plaintext plain = BlobCodec.openInPlace(key, span, (int) (b.offset() - first.offset()),
                        b.length(), b, buffers);
                if (!sink.accept(k, plain.buffer(), plain.offset(), plain.length())) {
                    return;
                }
            }
            i = j;
        }
    }

    private byte[] loadRange(PackedBlob where, long offset, int length) throws IOException {
        byte[] out = new byte[length];
        loadRange(where, offset, length, out);
        return out;
    }

    private void loadRange(PackedBlob where, long offset, int length, byte[] into) throws IOException {
        if (where.handle().type() == BlobType.TREE) {
            cache.treePack(where.packId());
        }
        try {
            backend.load(Handle.of(FileType.PACK, where.packId()), offset, length, into, 0);
        } catch (NoSuchFileException e) {
            throw BlobCodec.corrupt(where, "the pack file is missing", e);
        } catch (EOFException e) {
            throw BlobCodec.corrupt(where, "the pack file is shorter than the index says", e);
        }
    }

    @Override
    public void loadIndex() throws IOException {
        List<FileInfo> files = backend.list(FileType.INDEX);
        if (files.isEmpty()) {
            return;
        }
        int threads = Math.min(4, files.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cairn-index-load");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (FileInfo f : files) {
                futures.add(pool.submit(() -> {
                    loadIndexFile(f.name());
                    return null;
                }));
            }
            IOException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    IOException io = e.getCause() instanceof IOException x ? x
                            : new RepositoryException("loading the index failed", e.getCause());
                    if (first == null) {
                        first = io;
                    } else {
                        first.addSuppressed(io);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while loading the index");
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void loadIndexFile(String name) throws IOException {
        Id id;
        try {
            id = Id.parse(name);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("index/" + name + ": file name is not an ID");
        }
        try {
            readIndexFile(id);
        } catch (CorruptDataException e) {
            if (!cache.forget(Handle.of(FileType.INDEX, id))) {
                throw e;
            }
            readIndexFile(id); // the cached copy was damaged (its MAC failed before any entry was added)
        }
    }

    /** Adds a file's entries in parts as it is parsed: a whole file's entries as objects took ~15 MiB per thread. */
    private void readIndexFile(Id id) throws IOException {
        IndexTable.Batch[] batch = {new IndexTable.Batch()};
        IndexFiles.read(backend, key, id, pack -> {
            batch[0].add(pack.packId(), pack.blobs());
            if (batch[0].size() >= INDEX_BATCH) {
                index.addAll(batch[0]);
                batch[0] = new IndexTable.Batch();
            }
        });
        index.addAll(batch[0]);
    }

    @Override
    public long indexedBlobCount() {
        return index.size();
    }

    /** The in-memory index (for statistics and tools). */
    public IndexTable index() {
        return index;
    }

    @Override
    public void close() {
        uploader.close();
        for (BlobType t : BlobType.values()) {
            synchronized (locks[t.ordinal()]) {
                open[t.ordinal()].discard();
            }
        }
    }
}
