package io.cairn.repository.pack;

import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.crypto.CryptoKey;
import io.cairn.repository.index.BlobEntry;
import io.cairn.repository.index.PackContents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An open pack: sealed blobs one after another, hashed as they come. Where the backend offers a staging
 * directory (a local repository) the pack is written to a file there as it grows, so neither open nor
 * uploading packs take heap, and the upload links that file into place. Otherwise each sealed blob is copied
 * into an array of its own and the pack is uploaded from those. Not thread-safe; the caller locks.
 */
final class PackBuilder {
    /** Largest write per call: the JDK keeps a native buffer of each thread's largest write. */
    private static final int WRITE_SLICE = 256 * 1024;

    private final BlobType type;
    private final int targetSize;
    private final Path stagingDirectory;
    private final MessageDigest sha = Id.sha256();
    private final List<BlobEntry> entries = new ArrayList<>();
    private final List<byte[]> parts = new ArrayList<>();
    private Path file;
    private FileChannel channel;
    private long size;

    /** @param stagingDirectory where to write the pack as it grows, or null to keep it in memory */
    PackBuilder(BlobType type, int targetSize, Path stagingDirectory) {
        this.type = type;
        this.targetSize = targetSize;
        this.stagingDirectory = stagingDirectory;
    }

    BlobType type() {
        return type;
    }

    /** Appends the sealed blob in {@code sealed}; the caller may reuse its buffer afterwards. */
    void add(Id id, BlobCodec.Sealed sealed) throws IOException {
        int length = sealed.length();
        if (size + length > Integer.MAX_VALUE - 64L * 1024 * 1024) {
            throw new IllegalStateException("pack too large");
        }
        byte[] bytes = sealed.buffer();
        if (stagingDirectory == null) {
            parts.add(Arrays.copyOf(bytes, length));
        } else {
            write(bytes, length);
        }
        Id.update(sha, bytes, 0, length);
        entries.add(new BlobEntry(type, id, size, length, sealed.uncompressedLength()));
        size += length;
    }

    private void write(byte[] bytes, int length) throws IOException {
        if (channel == null) {
            file = stagingDirectory.resolve(".tmp-pack-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        for (int at = 0; at < length; ) {
            at += channel.write(ByteBuffer.wrap(bytes, at, Math.min(WRITE_SLICE, length - at)));
        }
    }

    /** The blobs added so far. */
    List<BlobEntry> entries() {
        return entries;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean isFull() {
        return size >= targetSize;
    }

    /** Appends the sealed header and its length; the pack's ID is the SHA-256 of the result. */
    FinishedPack finish(CryptoKey key) throws IOException {
        byte[] header = key.seal(PackHeader.encode(entries));
        byte[] tail = new byte[header.length + PackHeader.LENGTH_FIELD];
        System.arraycopy(header, 0, tail, 0, header.length);
        ByteBuffer.wrap(tail, header.length, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length);
        Id.update(sha, tail, 0, tail.length);
        PackContents contents = new PackContents(Id.of(sha.digest()), entries);
        if (stagingDirectory == null) {
            parts.add(tail);
            return new FinishedPack(contents, List.copyOf(parts), null);
        }
        try {
            write(tail, tail.length);
            channel.close();
        } catch (IOException | RuntimeException e) {
            discard();
            throw e;
        }
        return new FinishedPack(contents, List.of(), file);
    }

    /** Drops the pack (its staged file too). */
    void discard() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // deleted below
            }
            FinishedPack.delete(file);
        }
    }

    /**
     * A complete pack file, ready to upload: the concatenation of {@code parts}, or the staged {@code file}
     * (then {@code parts} is empty).
     */
    record FinishedPack(PackContents contents, List<byte[]> parts, Path file) {
        Id id() {
            return contents.packId();
        }

        /** Removes the staged file, if any; a failure only leaves a hidden file behind. */
        void discard() {
            delete(file);
        }

        static void delete(Path file) {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a leftover .tmp- file, skipped by listings
                }
            }
        }
    }
}
