package io.cairn.kube.archive;

import io.cairn.repository.BlobSaver;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.tree.GoFileMode;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import io.cairn.repository.tree.Tree;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a backup's files (objects, the manifest) into a repository as restic data and tree blobs, laid out
 * as {@link BackupLayout} says. Each {@link #add} stores the bytes at once as data blobs (split into
 * {@value #CHUNK_SIZE}-byte chunks) and keeps only the file's name and blob IDs; {@link #finish()} then writes
 * the directory trees bottom-up and returns the root tree's ID, for the caller to put in a snapshot.
 * <p>
 * Thread-safe: many capture threads may add files concurrently. Blobs are durable only after the store's
 * {@code flush()}, which the caller runs before it writes the snapshot.
 */
public final class ObjectArchiveWriter {
    /** Objects larger than this are stored as several data blobs. */
    public static final int CHUNK_SIZE = 1 << 20;

    private final BlobSaver store;
    private final OffsetDateTime mtime;
    private final Dir root = new Dir();
    private long files;
    private long bytes;
    private boolean finished;

    /**
     * @param store where blobs go
     * @param mtime the modification time recorded on every node (the backup's start time)
     */
    public ObjectArchiveWriter(BlobSaver store, OffsetDateTime mtime) {
        this.store = store;
        this.mtime = mtime;
    }

    /**
     * Stores a file at the given path (directories are implied), e.g. {@link BackupLayout#resourcePath}.
     *
     * @throws IllegalStateException when the path is already taken or the writer is finished
     */
    public void add(List<String> path, byte[] content) throws IOException {
        validate(path);
        List<Id> blobs = new ArrayList<>(content.length / CHUNK_SIZE + 1);
        if (content.length <= CHUNK_SIZE) {
            blobs.add(save(content, 0, content.length));
        } else {
            for (int off = 0; off < content.length; off += CHUNK_SIZE) {
                blobs.add(save(content, off, Math.min(CHUNK_SIZE, content.length - off)));
            }
        }
        synchronized (this) {
            Dir dir = directory(path);
            put(dir, path, new FileEntry(content.length, blobs.toArray(new Id[0])));
            files++;
            bytes += content.length;
        }
    }

    /**
     * Stores a file read from a stream, {@value #CHUNK_SIZE} bytes at a time, so that a large file (backup.json
     * of a big backup) never has to be in memory whole. Same result as {@link #add(List, byte[])} for the same bytes.
     */
    public void add(List<String> path, InputStream content) throws IOException {
        validate(path);
        List<Id> blobs = new ArrayList<>();
        long size = 0;
        byte[] chunk = content.readNBytes(CHUNK_SIZE);
        do { // an empty file is one empty blob, as add(path, new byte[0]) stores it
            blobs.add(save(chunk, 0, chunk.length));
            size += chunk.length;
            chunk = chunk.length < CHUNK_SIZE ? new byte[0] : content.readNBytes(CHUNK_SIZE);
        } while (chunk.length > 0);
        synchronized (this) {
            Dir dir = directory(path);
            put(dir, path, new FileEntry(size, blobs.toArray(new Id[0])));
            files++;
            bytes += size;
        }
    }

    /** Hangs a directory tree written elsewhere (e.g. a volume's files by a data mover) at the given path. */
    public synchronized void addSubtree(List<String> path, Id subtree) {
        validate(path);
        put(directory(path), path, new SubtreeEntry(subtree));
    }

    /** Files added so far. */
    public synchronized long fileCount() {
        return files;
    }

    /** Bytes of file content added so far. */
    public synchronized long byteCount() {
        return bytes;
    }

    /** Writes every directory's tree blob, deepest first, and returns the root tree's ID. Call once. */
    public synchronized Id finish() throws IOException {
        if (finished) {
            throw new IllegalStateException("archive already finished");
        }
        finished = true;
        return writeTree(root);
    }

    private Id writeTree(Dir dir) throws IOException {
        List<Node> nodes = new ArrayList<>(dir.entries.size());
        for (Map.Entry<String, Object> e : dir.entries.entrySet()) {
            String name = e.getKey();
            switch (e.getValue()) {
                case Dir sub -> nodes.add(dirNode(name, writeTree(sub)));
                case SubtreeEntry sub -> nodes.add(dirNode(name, sub.tree()));
                case FileEntry f -> nodes.add(new Node(name, NodeType.FILE, 0644, mtime, mtime, mtime, 0, 0, null, null,
                        0, 0, f.size(), 1, null, null, 0, Arrays.asList(f.content()), null, null));
                default -> throw new IllegalStateException("unexpected entry " + e.getValue());
            }
        }
        byte[] tree = Tree.of(nodes).toBytes();
        return save(tree, 0, tree.length, BlobType.TREE);
    }

    private Node dirNode(String name, Id subtree) {
        return new Node(name, NodeType.DIR, GoFileMode.DIR | 0755, mtime, mtime, mtime, 0, 0, null, null, 0, 0, 0, 0,
                null, null, 0, null, subtree, null);
    }

    private Id save(byte[] data, int off, int len) throws IOException {
        return save(data, off, len, BlobType.DATA);
    }

    private Id save(byte[] data, int off, int len, BlobType type) throws IOException {
        Id id = Id.hash(data, off, len);
        byte[] plain = off == 0 ? data : Arrays.copyOfRange(data, off, off + len);
        store.saveBlob(type, id, plain, len);
        return id;
    }

    private Dir directory(List<String> path) {
        if (finished) {
            throw new IllegalStateException("archive already finished");
        }
        Dir dir = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String name = path.get(i);
            Object child = dir.entries.computeIfAbsent(name, n -> new Dir());
            if (!(child instanceof Dir d)) {
                throw new IllegalStateException("/" + String.join("/", path.subList(0, i + 1)) + " is not a directory");
            }
            dir = d;
        }
        return dir;
    }

    private static void put(Dir dir, List<String> path, Object entry) {
        String name = path.get(path.size() - 1);
        if (dir.entries.putIfAbsent(name, entry) != null) {
            throw new IllegalStateException("/" + String.join("/", path) + " was already added");
        }
    }

    private static void validate(List<String> path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        for (String p : path) {
            if (p == null || p.isEmpty() || p.equals(".") || p.equals("..") || p.indexOf('/') >= 0 || p.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("bad path component '" + p + "' in " + path);
            }
        }
    }

    private static final class Dir {
        final Map<String, Object> entries = new HashMap<>();
    }

    private record FileEntry(long size, Id[] content) {
    }

    private record SubtreeEntry(Id tree) {
    }
}
