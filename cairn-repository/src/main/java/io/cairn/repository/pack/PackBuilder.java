package io.cairn.repository.pack;

import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.crypto.CryptoKey;
import io.cairn.repository.index.BlobEntry;
import io.cairn.repository.index.PackContents;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An open pack in memory: sealed blobs appended one after another. Not thread-safe; the caller locks. */
final class PackBuilder {
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final BlobType type;
    private final int targetSize;
    private byte[] buf = new byte[0];
    private int size;
    private final List<BlobEntry> entries = new ArrayList<>();

    PackBuilder(BlobType type, int targetSize) {
        this.type = type;
        this.targetSize = targetSize;
    }

    BlobType type() {
        return type;
    }

    void add(Id id, BlobCodec.Sealed sealed) {
        byte[] b = sealed.bytes();
        if (size + b.length > buf.length) {
            long headroom = (long) targetSize + 64 * 1024;
            long cap = Math.max((long) size + b.length, Math.min(Math.max(buf.length * 2L, INITIAL_CAPACITY), headroom));
            if (cap > Integer.MAX_VALUE - 64) {
                throw new IllegalStateException("pack too large");
            }
            buf = Arrays.copyOf(buf, (int) cap);
        }
        System.arraycopy(b, 0, buf, size, b.length);
        entries.add(new BlobEntry(type, id, size, b.length, sealed.uncompressedLength()));
        size += b.length;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean isFull() {
        return size >= targetSize;
    }

    /** Appends the sealed header and its length; the pack's ID is the SHA-256 of the result. */
    FinishedPack finish(CryptoKey key) {
        byte[] header = key.seal(PackHeader.encode(entries));
        byte[] out = Arrays.copyOf(buf, size + header.length + PackHeader.LENGTH_FIELD);
        buf = null;
        System.arraycopy(header, 0, out, size, header.length);
        ByteBuffer.wrap(out, size + header.length, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length);
        return new FinishedPack(new PackContents(Id.hash(out), entries), out);
    }

    /** A complete pack file, ready to upload. */
    record FinishedPack(PackContents contents, byte[] bytes) {
        Id id() {
            return contents.packId();
        }
    }
}
