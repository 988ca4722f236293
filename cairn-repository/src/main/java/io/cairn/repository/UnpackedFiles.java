package io.cairn.repository;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.crypto.CryptoKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;

/**
 * Files stored whole rather than in packs (config, index, snapshots; not keys): sealed with the master key
 * and named by the SHA-256 of the sealed bytes. In repository version 2 the plaintext is either raw JSON
 * (first byte '{' or '[') or the byte 2 followed by a zstd frame.
 */
public final class UnpackedFiles {
    private static final int ZSTD_LEVEL = 3;
    private static final byte COMPRESSED_V2 = 2;

    private UnpackedFiles() {
    }

    /** Seals {@code plaintext} (compressing it first when {@code compress}) and saves it under its hash. */
    public static Id save(Backend backend, CryptoKey key, FileType type, byte[] plaintext, boolean compress)
            throws IOException {
        byte[] sealed = key.seal(compress ? compressV2(plaintext) : plaintext);
        Id id = Id.hash(sealed);
        backend.save(Handle.of(type, id), sealed);
        return id;
    }

    /**
     * Loads, verifies (file hash, when the name is an ID, and MAC) and decodes a file. Throws
     * {@link CorruptDataException} naming the file when a check fails, and {@link NotFoundException} when the
     * file does not exist.
     */
    public static byte[] load(Backend backend, CryptoKey key, Handle handle) throws IOException {
        byte[] sealed = loadSealed(backend, handle);
        byte[] plain;
        try {
            plain = key.open(sealed);
        } catch (CorruptDataException e) {
            throw new CorruptDataException(handle + ": " + e.getMessage());
        }
        return decodeV2(plain, handle);
    }

    /** The file as stored, after checking it against its name (an ID: the SHA-256 of its content). */
    private static byte[] loadSealed(Backend backend, Handle handle) throws IOException {
        byte[] sealed;
        try {
            sealed = backend.load(handle);
        } catch (NoSuchFileException e) {
            throw new NotFoundException(handle + " does not exist");
        }
        if (handle.type() != FileType.CONFIG && !Id.hash(sealed).toString().equals(handle.name())) {
            throw new CorruptDataException(handle + ": content does not match its name (file damaged)");
        }
        return sealed;
    }

    /**
     * Like {@link #load}, as a stream: the file is decrypted in place in the one array it is read into and
     * decompressed as the stream is read, so a large file (an index file of 150,000 blobs has ~30 MiB of JSON)
     * costs its stored size once instead of three arrays. Damaged zstd data shows as an IOException while
     * reading.
     */
    public static InputStream open(Backend backend, CryptoKey key, Handle handle) throws IOException {
        byte[] sealed = loadSealed(backend, handle);
        int length;
        try {
            length = key.openInPlace(sealed, 0, sealed.length);
        } catch (CorruptDataException e) {
            throw new CorruptDataException(handle + ": " + e.getMessage());
        }
        int at = CryptoKey.IV_LENGTH;
        if (length == 0 || sealed[at] == '{' || sealed[at] == '[') {
            return new ByteArrayInputStream(sealed, at, length);
        }
        if (sealed[at] != COMPRESSED_V2) {
            throw new UnsupportedFormatException(handle + ": unknown encoding " + (sealed[at] & 0xff));
        }
        return new ZstdInputStream(new ByteArrayInputStream(sealed, at + 1, length - 1));
    }

    static byte[] compressV2(byte[] plaintext) {
        byte[] frame = Zstd.compress(plaintext, ZSTD_LEVEL);
        byte[] out = new byte[frame.length + 1];
        out[0] = COMPRESSED_V2;
        System.arraycopy(frame, 0, out, 1, frame.length);
        return out;
    }

    static byte[] decodeV2(byte[] plain, Handle handle) throws IOException {
        if (plain.length == 0 || plain[0] == '{' || plain[0] == '[') {
            return plain;
        }
        if (plain[0] != COMPRESSED_V2) {
            throw new UnsupportedFormatException(handle + ": unknown encoding " + (plain[0] & 0xff));
        }
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(plain, 1, plain.length - 1))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CorruptDataException(handle + ": zstd data is damaged: " + e.getMessage(), e);
        }
    }
}
