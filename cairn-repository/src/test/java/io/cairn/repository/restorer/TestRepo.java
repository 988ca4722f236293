package io.cairn.repository.restorer;

import io.cairn.repository.BlobStore;
import io.cairn.repository.BlobType;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.PackedBlob;
import io.cairn.repository.testing.InMemoryBlobStore;
import io.cairn.repository.tree.ExtendedAttribute;
import io.cairn.repository.tree.GoFileMode;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import io.cairn.repository.tree.Tree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A blob store for restorer tests: blobs spread over several fake packs (blobs per pack configurable),
 * chosen blobs made to fail verification, and loads counted. Also builds nodes and trees fluently.
 */
final class TestRepo implements BlobStore {
    static final OffsetDateTime T1 = OffsetDateTime.parse("2021-03-04T05:06:07.123456789+01:00");
    static final OffsetDateTime T2 = OffsetDateTime.parse("2020-01-02T03:04:05.987654321Z");

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final Map<Id, Id> packOf = new ConcurrentHashMap<>();
    private final Map<Id, AtomicInteger> loads = new ConcurrentHashMap<>();
    private final Set<Id> corrupt = ConcurrentHashMap.newKeySet();
    private final int blobsPerPack;
    private int inCurrentPack;
    private Id currentPack = newPack(0);

    TestRepo(int blobsPerPack) {
        this.blobsPerPack = blobsPerPack;
    }

    private static Id newPack(int n) {
        return Id.hash(("pack-" + n).getBytes(StandardCharsets.UTF_8));
    }

    // --- building ---

    Id blob(byte[] data) throws IOException {
        Id id = Id.hash(data);
        if (saveBlob(BlobType.DATA, id, data, data.length)) {
            synchronized (this) {
                if (inCurrentPack++ == blobsPerPack) {
                    currentPack = newPack(packOf.size());
                    inCurrentPack = 1;
                }
                packOf.put(id, currentPack);
            }
        }
        return id;
    }

    Id tree(Node... nodes) throws IOException {
        byte[] bytes = Tree.of(List.of(nodes)).toBytes();
        Id id = Id.hash(bytes);
        saveBlob(BlobType.TREE, id, bytes, bytes.length);
        return id;
    }

    /** A tree with nodes in the given order and without sorting (hostile trees may be unsorted). */
    Id rawTree(Node... nodes) throws IOException {
        byte[] bytes = new Tree(List.of(nodes)).toBytes();
        Id id = Id.hash(bytes);
        saveBlob(BlobType.TREE, id, bytes, bytes.length);
        return id;
    }

    Node file(String name, int perm, byte[]... parts) throws IOException {
        List<Id> content = new ArrayList<>();
        long size = 0;
        for (byte[] p : parts) {
            content.add(blob(p));
            size += p.length;
        }
        return node(name, NodeType.FILE, perm, 0, 0, 1, size, null, content, null, null);
    }

    Node dir(String name, int perm, Node... children) throws IOException {
        return node(name, NodeType.DIR, GoFileMode.DIR | perm, 0, 0, 0, 0, null, null, tree(children), null);
    }

    static Node symlink(String name, String target) {
        return node(name, NodeType.SYMLINK, GoFileMode.SYMLINK | 0777, 0, 0, 0, 0, target, null, null, null);
    }

    static Node special(String name, NodeType type, long goMode) {
        return node(name, type, goMode, 0, 0, 0, 0, null, null, null, null);
    }

    static Node node(String name, NodeType type, long mode, long uid, long inode, long links, long size,
            String linkTarget, List<Id> content, Id subtree, List<ExtendedAttribute> xattrs) {
        return new Node(name, type, mode, T1, T2, T1, uid, uid, null, null, inode, inode == 0 ? 0 : 42, size, links,
                linkTarget, xattrs, 0, content, subtree, null);
    }

    static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    // --- faults and counters ---

    void corrupt(Id blob) {
        corrupt.add(blob);
    }

    int loads(Id blob) {
        AtomicInteger n = loads.get(blob);
        return n == null ? 0 : n.get();
    }

    Id packOf(Id blob) {
        return packOf.get(blob);
    }

    // --- BlobStore ---

    @Override
    public boolean saveBlob(BlobType type, Id id, byte[] plaintext, int length) throws IOException {
        return blobs.saveBlob(type, id, plaintext, length);
    }

    @Override
    public byte[] loadBlob(BlobType type, Id id) throws IOException {
        if (corrupt.contains(id)) {
            throw new CorruptDataException("pack " + packOf.get(id) + ": blob " + id + " fails its MAC");
        }
        return blobs.loadBlob(type, id);
    }

    @Override
    public PackedBlob lookup(BlobType type, Id id) {
        PackedBlob p = blobs.lookup(type, id);
        if (p == null || type != BlobType.DATA) {
            return p;
        }
        return new PackedBlob(p.handle(), packOf.get(id), 0, p.length(), p.uncompressedLength());
    }

    @Override
    public byte[] loadBlob(PackedBlob where) throws IOException {
        loads.computeIfAbsent(where.handle().id(), k -> new AtomicInteger()).incrementAndGet();
        return loadBlob(where.handle().type(), where.handle().id());
    }

    @Override
    public void loadIndex() {
    }

    @Override
    public void flush() {
    }

    @Override
    public long indexedBlobCount() {
        return blobs.indexedBlobCount();
    }

    @Override
    public void close() {
    }
}
