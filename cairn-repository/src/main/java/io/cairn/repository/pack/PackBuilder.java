package io.cairn.repository.pack;

import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.crypto.CryptoKey;
import io.cairn.repository.index.BlobEntry;
import io.cairn.repository.index.PackContents;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * An open pack in memory: sealed blobs one after another. The sealed arrays are kept as they are and written
 * with one gathering write, so a blob's bytes are never copied into a pack-sized buffer. Not thread-safe; the
 * caller locks.
 */
final class PackBuilder {
    private final BlobType type;
    private final int targetSize;
    private final List<byte[]> parts = new ArrayList<>();
    private long size;
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
        if (size + b.length > Integer.MAX_VALUE - 64L * 1024 * 1024) {
            throw new IllegalStateException("pack too large");
        }
        parts.add(b);
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
        byte[] tail = new byte[header.length + PackHeader.LENGTH_FIELD];
        System.arraycopy(header, 0, tail, 0, header.length);
        ByteBuffer.wrap(tail, header.length, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length);
        parts.add(tail);
        MessageDigest sha = Id.sha256();
        for (byte[] part : parts) {
            Id.update(sha, part, 0, part.length);
        }
        return new FinishedPack(new PackContents(Id.of(sha.digest()), entries), List.copyOf(parts));
    }

    /** A complete pack file, ready to upload: the concatenation of {@code parts}. */
    record FinishedPack(PackContents contents, List<byte[]> parts) {
        Id id() {
            return contents.packId();
        }
    }
}
