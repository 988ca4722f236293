package io.cairn.repository.cache;

import io.cairn.repository.Id;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.FilterBackend;
import io.cairn.repository.backend.Handle;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Keeps local copies of the repository's metadata, as restic's cache does: index files, snapshot files and the
 * packs that hold tree blobs, under {@code <cache dir>/index/ID}, {@code snapshots/ID} and {@code data/XX/ID}.
 * Repository files never change once written (they are named by their hash), so a copy stays valid until the
 * file is removed.
 *
 * <ul>
 *   <li>Reads of these files are served from the copy; a missing copy is filled from the repository first
 *       (written to a temporary file, then renamed, so a crash never leaves half a file). Packs are kept only
 *       once {@link #treePack} named them; data packs pass straight through.</li>
 *   <li>Writes of these files go to the repository, then to the cache, so the next run need not download
 *       them.</li>
 *   <li>{@link #list} drops copies of files the repository no longer lists, and copies whose size differs
 *       from the listing; {@link #remove} drops the copy too.</li>
 *   <li>The cache verifies nothing itself: its readers verify MACs and hashes, and call {@link #forget} for a
 *       copy that failed, then read again. A ranged read past the end of a copy (a truncated file) drops it and
 *       reads the repository.</li>
 *   <li>A local I/O error never fails a command: it is reported once to {@code warn} and the call is served
 *       from the repository.</li>
 * </ul>
 */
public final class CachingBackend extends FilterBackend implements CacheHints {
    /** A pack is filled in reads of at most this size, so a large pack never sits in memory whole. */
    static final int FILL_CHUNK = 4 * 1024 * 1024;
    /** Temporary files older than this are leftovers of a crashed process and are removed by {@link #list}. */
    private static final Duration STALE_TEMP = Duration.ofHours(1);
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path dir;
    private final Consumer<String> warn;
    private final AtomicBoolean warned = new AtomicBoolean();
    private final Set<String> treePacks = ConcurrentHashMap.newKeySet();
    /** Packs being filled; other readers of the same pack wait for the fill rather than download it again. */
    private final ConcurrentHashMap<Handle, CompletableFuture<Void>> filling = new ConcurrentHashMap<>();

    /**
     * @param dir  this repository's cache directory (see {@link CacheDirectory#prepare})
     * @param warn receives one message when the cache fails locally
     */
    public CachingBackend(Backend inner, Path dir, Consumer<String> warn) {
        super(inner);
        this.dir = dir;
        this.warn = warn;
    }

    /** This repository's cache directory. */
    public Path directory() {
        return dir;
    }

    @Override
    public void treePack(Id pack) {
        treePacks.add(pack.toString());
    }

    @Override
    public boolean forget(Handle handle) {
        if (!cached(handle)) {
            return false;
        }
        try {
            return Files.deleteIfExists(path(handle));
        } catch (IOException e) {
            localFailure("removing " + path(handle), e);
            return false;
        }
    }

    private boolean cached(Handle h) {
        return switch (h.type()) {
            case INDEX, SNAPSHOT -> true;
            case PACK -> treePacks.contains(h.name());
            default -> false;
        };
    }

    private static boolean cachedType(FileType type) {
        return type == FileType.INDEX || type == FileType.SNAPSHOT || type == FileType.PACK;
    }

    private Path path(Handle h) {
        return dir.resolve(h.relativePath());
    }

    @Override
    public byte[] load(Handle handle) throws IOException {
        if (!cached(handle)) {
            return inner.load(handle);
        }
        Path p = path(handle);
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            // not cached yet
        } catch (IOException e) {
            localFailure("reading " + p, e);
            return inner.load(handle);
        }
        byte[] data = inner.load(handle);
        store(handle, List.of(data));
        return data;
    }

    @Override
    public byte[] load(Handle handle, long offset, int length) throws IOException {
        if (!cached(handle)) {
            return inner.load(handle, offset, length);
        }
        Path p = path(handle);
        if (!Files.exists(p) && !fill(handle)) {
            return inner.load(handle, offset, length);
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(length);
            long at = offset;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, at);
                if (n < 0) {
                    throw new EOFException(p + " ends before " + (offset + length));
                }
                at += n;
            }
            return buf.array();
        } catch (EOFException e) {
            // A truncated copy (the repository's file may also be that short: then it says so itself).
            forget(handle);
        } catch (NoSuchFileException e) {
            // removed meanwhile (prune, or another process dropped it)
        } catch (IOException e) {
            localFailure("reading " + p, e);
        }
        return inner.load(handle, offset, length);
    }

    @Override
    public void load(Handle handle, long offset, int length, byte[] into, int at) throws IOException {
        if (!cached(handle)) {
            inner.load(handle, offset, length, into, at);
            return;
        }
        System.arraycopy(load(handle, offset, length), 0, into, at, length);
    }

    /** Copies a whole pack into the cache; false when it could not (the caller then reads the repository). */
    private boolean fill(Handle handle) throws IOException {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> other = filling.putIfAbsent(handle, mine);
        if (other != null) {
            try {
                other.join();
            } catch (RuntimeException e) {
                // the other reader reports its failure; this one reads the repository
            }
            return Files.exists(path(handle));
        }
        try {
            if (Files.exists(path(handle))) {
                return true;
            }
            long size = inner.size(handle);
            List<byte[]> parts = new ArrayList<>();
            for (long at = 0; at < size; at += FILL_CHUNK) {
                parts.add(inner.load(handle, at, (int) Math.min(FILL_CHUNK, size - at)));
            }
            return store(handle, parts);
        } finally {
            filling.remove(handle, mine);
            mine.complete(null);
        }
    }

    @Override
    public void save(Handle handle, byte[] data) throws IOException {
        inner.save(handle, data);
        if (cached(handle)) {
            store(handle, List.of(data));
        }
    }

    @Override
    public void save(Handle handle, List<byte[]> parts) throws IOException {
        inner.save(handle, parts);
        if (cached(handle)) {
            store(handle, parts);
        }
    }

    @Override
    public void saveFile(Handle handle, Path source) throws IOException {
        inner.saveFile(handle, source);
        if (cached(handle)) {
            store(handle, List.of(Files.readAllBytes(source)));
        }
    }

    @Override
    public void remove(Handle handle) throws IOException {
        inner.remove(handle);
        if (cachedType(handle.type())) {
            try {
                Files.deleteIfExists(path(handle));
            } catch (IOException e) {
                localFailure("removing " + path(handle), e);
            }
        }
    }

    @Override
    public List<FileInfo> list(FileType type) throws IOException {
        List<FileInfo> files = inner.list(type);
        if (cachedType(type)) {
            Map<String, Long> sizes = new HashMap<>(files.size() * 2);
            for (FileInfo f : files) {
                sizes.put(f.name(), f.size());
            }
            try {
                dropStale(type, sizes);
            } catch (IOException e) {
                localFailure("cleaning " + dir.resolve(type.directory()), e);
            }
        }
        return files;
    }

    /** Deletes the copies the listing no longer holds, or holds with another size. */
    private void dropStale(FileType type, Map<String, Long> listed) throws IOException {
        Path typeDir = dir.resolve(type.directory());
        if (!Files.isDirectory(typeDir)) {
            return;
        }
        if (type == FileType.PACK) {
            try (DirectoryStream<Path> shards = Files.newDirectoryStream(typeDir)) {
                for (Path shard : shards) {
                    if (Files.isDirectory(shard)) {
                        dropStaleIn(shard, listed);
                    }
                }
            }
        } else {
            dropStaleIn(typeDir, listed);
        }
    }

    private void dropStaleIn(Path d, Map<String, Long> listed) throws IOException {
        Instant staleBefore = Instant.now().minus(STALE_TEMP);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
            for (Path f : entries) {
                String name = f.getFileName().toString();
                try {
                    if (name.startsWith(TEMP_PREFIX)) {
                        // another process may be writing it right now
                        if (Files.getLastModifiedTime(f).toInstant().isBefore(staleBefore)) {
                            Files.deleteIfExists(f);
                        }
                        continue;
                    }
                    Long size = listed.get(name);
                    if (size == null || size != Files.size(f)) {
                        Files.deleteIfExists(f);
                    }
                } catch (NoSuchFileException e) {
                    // gone meanwhile
                }
            }
        }
    }

    /** Writes a copy through a temporary file; false (after a warning) when that fails. */
    private boolean store(Handle handle, List<byte[]> parts) {
        Path target = path(handle);
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), TEMP_PREFIX, "");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                for (byte[] part : parts) {
                    out.write(part);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            localFailure("writing " + target, e);
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // reported above
                }
            }
            return false;
        }
    }

    private void localFailure(String what, IOException e) {
        if (warned.compareAndSet(false, true)) {
            warn.accept("the local cache failed " + what + " (" + e + "); reading the repository instead");
        }
    }
}
