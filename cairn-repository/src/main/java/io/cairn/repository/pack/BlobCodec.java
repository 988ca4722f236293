package io.cairn.repository.pack;

import com.github.luben.zstd.Zstd;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.PackedBlob;
import io.cairn.repository.crypto.CryptoKey;
import java.security.MessageDigest;

/** Turns a blob's plaintext into its form in a pack (optionally zstd-compressed, then sealed) and back. */
public final class BlobCodec {
    static final int ZSTD_LEVEL = 3;

    private BlobCodec() {
    }

    /** A sealed blob; {@code uncompressedLength} is 0 when stored without compression. */
    public record Sealed(byte[] bytes, int uncompressedLength) {
    }

    /** Compresses when asked and only keeps the compressed form when it is smaller; then seals. */
    public static Sealed seal(CryptoKey key, byte[] plaintext, int length, boolean compress) {
        if (compress && length > 0) {
            byte[] dst = new byte[(int) Zstd.compressBound(length)];
            long n = Zstd.compressByteArray(dst, 0, dst.length, plaintext, 0, length, ZSTD_LEVEL);
            if (!Zstd.isError(n) && n < length) {
                return new Sealed(key.seal(dst, 0, (int) n), length);
            }
        }
        return new Sealed(key.seal(plaintext, 0, length), 0);
    }

    /** Verifies and decodes a sealed blob; failures name the pack and the blob. */
    public static byte[] open(CryptoKey key, byte[] sealed, PackedBlob where) throws CorruptDataException {
        byte[] plain;
        try {
            plain = key.open(sealed);
        } catch (CorruptDataException e) {
            throw corrupt(where, e.getMessage(), null);
        }
        if (where.isCompressed()) {
            byte[] out = new byte[where.uncompressedLength()];
            long n;
            try {
                n = Zstd.decompressByteArray(out, 0, out.length, plain, 0, plain.length);
            } catch (RuntimeException e) {
                throw corrupt(where, "zstd data is damaged: " + e.getMessage(), e);
            }
            if (Zstd.isError(n) || n != out.length) {
                throw corrupt(where, "zstd data is damaged or has the wrong length (" + n + " bytes, expected "
                        + out.length + ")", null);
            }
            plain = out;
        }
        MessageDigest sha = Id.sha256();
        if (!MessageDigest.isEqual(sha.digest(plain), where.handle().id().bytes())) {
            throw corrupt(where, "plaintext does not match the blob ID (hash mismatch)", null);
        }
        return plain;
    }

    static CorruptDataException corrupt(PackedBlob where, String what, Throwable cause) {
        return new CorruptDataException("pack " + where.packId() + ": blob " + where.handle().type().jsonName() + " "
                + where.handle().id() + " (offset " + where.offset() + ", length " + where.length() + "): " + what, cause);
    }
}
