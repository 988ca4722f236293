package io.cairn.repository.index;

import io.cairn.repository.BlobHandle;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.PackedBlob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory index: which pack holds each blob, stored compactly. Entries live in fixed-size pages of
 * primitive arrays (32 ID bytes, pack number with the type in its low bit, offset, length, uncompressed length:
 * 48 bytes) and an open-addressing table of entry numbers (4 bytes a slot, load factor at most 3/4) finds them,
 * so a blob costs about 54–59 bytes and no object. Pack IDs are kept once, in a side list.
 *
 * <p>The first entry for a (type, ID) wins; later duplicates (the same blob in several packs or index files)
 * are ignored. Thread-safe: lookups share a read lock, additions take the write lock once per batch.
 */
public final class IndexTable {
    private static final int PAGE_BITS = 12;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<Id> packs = new ArrayList<>();
    private final Map<Id, Integer> packNumbers = new HashMap<>();

    private byte[][] idPages = new byte[0][];
    private int[][] packPages = new int[0][];
    private int[][] offsetPages = new int[0][];
    private int[][] lengthPages = new int[0][];
    private int[][] uncompressedPages = new int[0][];
    private int size;
    /** Entry number + 1, 0 for an empty slot; length a power of two. */
    private int[] slots = new int[1024];

    /** Number of blobs listed. */
    public long size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of distinct packs seen. */
    public int packCount() {
        lock.readLock().lock();
        try {
            return packs.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Where the blob is stored, or null. */
    public PackedBlob lookup(BlobType type, Id id) {
        byte[] key = id.bytes();
        lock.readLock().lock();
        try {
            int e = find(type, key, 0);
            if (e < 0) {
                return null;
            }
            int p = e >>> PAGE_BITS;
            int i = e & PAGE_MASK;
            return new PackedBlob(new BlobHandle(type, id), packs.get(packPages[p][i] >>> 1),
                    Integer.toUnsignedLong(offsetPages[p][i]), lengthPages[p][i], uncompressedPages[p][i]);
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean has(BlobType type, Id id) {
        byte[] key = id.bytes();
        lock.readLock().lock();
        try {
            return find(type, key, 0) >= 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds every blob of the pack; returns how many were new. */
    public int add(Id packId, List<BlobEntry> blobs) {
        Batch b = new Batch();
        b.add(packId, blobs);
        return addAll(b);
    }

    /** Adds a batch (e.g. one parsed index file) under one lock acquisition; returns how many were new. */
    public int addAll(Batch batch) {
        lock.writeLock().lock();
        try {
            int[] packNo = new int[batch.packIds.size()];
            for (int i = 0; i < packNo.length; i++) {
                packNo[i] = packNumbers.computeIfAbsent(batch.packIds.get(i), id -> {
                    packs.add(id);
                    return packs.size() - 1;
                });
            }
            int added = 0;
            for (int i = 0; i < batch.count; i++) {
                BlobType type = (batch.packAndType[i] & 1) == 0 ? BlobType.DATA : BlobType.TREE;
                if (find(type, batch.ids, i * Id.LENGTH) >= 0) {
                    continue;
                }
                append(batch.ids, i * Id.LENGTH, (packNo[batch.packAndType[i] >>> 1] << 1) | (batch.packAndType[i] & 1),
                        batch.offsets[i], batch.lengths[i], batch.uncompressed[i]);
                added++;
            }
            return added;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Approximate heap bytes used by the blob entries and the slot table (excluding pack IDs). */
    public long memoryBytes() {
        lock.readLock().lock();
        try {
            return (long) idPages.length * PAGE_SIZE * (Id.LENGTH + 16) + 4L * slots.length;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void append(byte[] ids, int idOffset, int packAndType, int offset, int length, int uncompressed) {
        if ((size + 1) * 4L > slots.length * 3L) {
            rehash(slots.length * 2);
        }
        int e = size;
        int p = e >>> PAGE_BITS;
        int i = e & PAGE_MASK;
        if (p == idPages.length) {
            idPages = Arrays.copyOf(idPages, p + 1);
            packPages = Arrays.copyOf(packPages, p + 1);
            offsetPages = Arrays.copyOf(offsetPages, p + 1);
            lengthPages = Arrays.copyOf(lengthPages, p + 1);
            uncompressedPages = Arrays.copyOf(uncompressedPages, p + 1);
            idPages[p] = new byte[PAGE_SIZE * Id.LENGTH];
            packPages[p] = new int[PAGE_SIZE];
            offsetPages[p] = new int[PAGE_SIZE];
            lengthPages[p] = new int[PAGE_SIZE];
            uncompressedPages[p] = new int[PAGE_SIZE];
        }
        System.arraycopy(ids, idOffset, idPages[p], i * Id.LENGTH, Id.LENGTH);
        packPages[p][i] = packAndType;
        offsetPages[p][i] = offset;
        lengthPages[p][i] = length;
        uncompressedPages[p][i] = uncompressed;
        size++;
        insertSlot(e, slots);
    }

    private void rehash(int capacity) {
        int[] fresh = new int[capacity];
        for (int e = 0; e < size; e++) {
            insertSlot(e, fresh);
        }
        slots = fresh;
    }

    private void insertSlot(int e, int[] table) {
        int p = e >>> PAGE_BITS;
        int i = e & PAGE_MASK;
        int mask = table.length - 1;
        int s = hash(packPages[p][i] & 1, idPages[p], i * Id.LENGTH) & mask;
        while (table[s] != 0) {
            s = (s + 1) & mask;
        }
        table[s] = e + 1;
    }

    /** Entry number of (type, key[off, off+32)), or -1. Caller holds a lock. */
    private int find(BlobType type, byte[] key, int off) {
        int t = type == BlobType.TREE ? 1 : 0;
        int mask = slots.length - 1;
        int s = hash(t, key, off) & mask;
        while (true) {
            int v = slots[s];
            if (v == 0) {
                return -1;
            }
            int e = v - 1;
            int p = e >>> PAGE_BITS;
            int i = e & PAGE_MASK;
            if ((packPages[p][i] & 1) == t
                    && Arrays.equals(idPages[p], i * Id.LENGTH, (i + 1) * Id.LENGTH, key, off, off + Id.LENGTH)) {
                return e;
            }
            s = (s + 1) & mask;
        }
    }

    /** IDs are SHA-256 values, so four of their bytes are already a good hash. */
    private static int hash(int type, byte[] id, int off) {
        int h = (id[off] & 0xff) << 24 | (id[off + 1] & 0xff) << 16 | (id[off + 2] & 0xff) << 8 | (id[off + 3] & 0xff);
        return h ^ (type * 0x9E3779B9);
    }

    /** Blobs gathered without a lock (e.g. while parsing an index file), added later in one step. */
    public static final class Batch {
        private final List<Id> packIds = new ArrayList<>();
        private byte[] ids = new byte[64 * Id.LENGTH];
        private int[] packAndType = new int[64];
        private int[] offsets = new int[64];
        private int[] lengths = new int[64];
        private int[] uncompressed = new int[64];
        private int count;

        public void add(Id packId, List<BlobEntry> blobs) {
            int packNo = packIds.size();
            packIds.add(packId);
            for (BlobEntry b : blobs) {
                if (count == packAndType.length) {
                    int n = count * 2;
                    ids = Arrays.copyOf(ids, n * Id.LENGTH);
                    packAndType = Arrays.copyOf(packAndType, n);
                    offsets = Arrays.copyOf(offsets, n);
                    lengths = Arrays.copyOf(lengths, n);
                    uncompressed = Arrays.copyOf(uncompressed, n);
                }
                b.id().writeTo(ids, count * Id.LENGTH);
                packAndType[count] = packNo << 1 | (b.type() == BlobType.TREE ? 1 : 0);
                offsets[count] = (int) b.offset();
                lengths[count] = b.length();
                uncompressed[count] = b.uncompressedLength();
                count++;
            }
        }

        public int size() {
            return count;
        }
    }
}
