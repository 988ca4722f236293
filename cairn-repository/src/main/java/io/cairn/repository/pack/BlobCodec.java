package io.cairn.repository.pack;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.PackedBlob;
import io.cairn.repository.chunker.Chunker;
import io.cairn.repository.crypto.CryptoKey;

/** Turns a blob's plaintext into its form in a pack (optionally zstd-compressed, then sealed) and back. */
public final class BlobCodec {
    /**
     * zstd level 1: on the bench (database pages, logs, random data) it stores the same size as level 3
     * (220 vs 221 MiB for 538 MiB) with ~0.7 s less CPU per 538 MiB backed up.
     */
    static final int ZSTD_LEVEL = 1;

    private BlobCodec() {
    }

    /**
     * A sealed blob at {@code buffer[0, length)}; {@code uncompressedLength} is 0 when stored without
     * compression. The buffer is the sealing thread's own and is reused by its next {@link #seal}.
     */
    public record Sealed(byte[] buffer, int length, int uncompressedLength) {
    }

    /**
     * Compresses when asked and keeps the compressed form only when it is smaller; then seals. The result is
     * in a buffer this thread reuses (see {@link Sealed}), so sealing allocates nothing per blob.
     */
    public static Sealed seal(CryptoKey key, byte[] plaintext, int length, boolean compress) {
        Compressor c = COMPRESSORS.get();
        byte[] out = c.buffer(length + CryptoKey.OVERHEAD);
        if (compress && length > 0) {
            // room for fewer bytes than the plaintext: zstd fails when the result would not be smaller
            int n = c.compress(plaintext, length, out, CryptoKey.IV_LENGTH, length - 1);
            if (n > 0) {
                key.sealInPlace(out, 0, n);
                return new Sealed(out, n + CryptoKey.OVERHEAD, length);
            }
        }
        key.sealInto(plaintext, 0, length, out, 0);
        return new Sealed(out, length + CryptoKey.OVERHEAD, 0);
    }

    /** A maximum-size chunk, sealed: the most a thread's sealing buffer grows to by doubling. */
    private static final int MAX_BUFFER = Chunker.MAX_SIZE + CryptoKey.OVERHEAD;

    /**
     * A thread's reused buffer, large enough for {@code length}: 1 MiB at first (most blobs and all small
     * files fit), then at once a maximum-size chunk. Growing to each larger blob's exact size, or by
     * doubling, left a trail of multi-MiB arrays that went straight to the old generation as garbage and made
     * the heap grow by more than the buffers themselves.
     */
    static byte[] grow(byte[] buffer, int length) {
        if (buffer.length >= length) {
            return buffer;
        }
        return new byte[Math.max(length, buffer.length == 0 && length <= FIRST_BUFFER ? FIRST_BUFFER : MAX_BUFFER)];
    }

    private static final int FIRST_BUFFER = 1 << 20;

    private static final ThreadLocal<Compressor> COMPRESSORS = ThreadLocal.withInitial(Compressor::new);

    /**
     * A thread's zstd context and output buffer, reused from blob to blob: a fresh context per call costs
     * more than compressing a small blob, and a fresh output array per blob was most of a backup's garbage.
     */
    private static final class Compressor {
        private final ZstdCompressCtx ctx = new ZstdCompressCtx().setLevel(ZSTD_LEVEL);
        private byte[] buffer = new byte[0];

        byte[] buffer(int length) {
            return buffer = grow(buffer, length);
        }

        /** Compresses into {@code dst[at, at + capacity)}; the compressed length, or -1 when it does not fit. */
        int compress(byte[] src, int length, byte[] dst, int at, int capacity) {
            if (capacity <= 0) {
                return -1;
            }
            try {
                return ctx.compressByteArray(dst, at, capacity, src, 0, length);
            } catch (ZstdException e) {
                return -1;
            }
        }
    }

    /** A thread's zstd decompression context: creating one per blob was 2.4% of a restore's CPU. */
    private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSORS = ThreadLocal.withInitial(ZstdDecompressCtx::new);

    /** Verifies and decodes a sealed blob; failures name the pack and the blob. */
    public static byte[] open(CryptoKey key, byte[] sealed, PackedBlob where) throws CorruptDataException {
        return open(key, sealed, 0, sealed.length, where);
    }

    /** Like {@link #open(CryptoKey, byte[], PackedBlob)} for a blob at {@code sealed[offset, offset+length)}. */
    public static byte[] open(CryptoKey key, byte[] sealed, int offset, int length, PackedBlob where)
            throws CorruptDataException {
        byte[] plain;
        try {
            plain = key.open(sealed, offset, length);
        } catch (CorruptDataException e) {
            throw corrupt(where, e.getMessage(), null);
        }
        if (where.isCompressed()) {
            byte[] out = new byte[where.uncompressedLength()];
            long n;
            try {
                n = DECOMPRESSORS.get().decompressByteArray(out, 0, out.length, plain, 0, plain.length);
            } catch (RuntimeException e) {
                throw corrupt(where, "zstd data is damaged: " + e.getMessage(), e);
            }
            if (n != out.length) {
                throw corrupt(where, "zstd data is damaged or has the wrong length (" + n + " bytes, expected "
                        + out.length + ")", null);
            }
            plain = out;
        }
        if (!Id.hash(plain).equals(where.handle().id())) {
            throw corrupt(where, "plaintext does not match the blob ID (hash mismatch)", null);
        }
        return plain;
    }

    /** Where {@link #openInPlace} left a blob's plaintext; valid until the scratch or the span is used again. */
    public record Plaintext(byte[] buffer, int offset, int length) {
    }

    /**
     * A thread's buffers for reading blobs, reused from blob to blob: the sealed bytes read from a pack and the
     * decompressed plaintext. Each grows as {@link #grow} says.
     */
    static final class Scratch {
        private byte[] span = new byte[0];
        private byte[] out = new byte[0];

        byte[] span(int length) {
            return span = grow(span, length);
        }

        byte[] out(int length) {
            return out = grow(out, length);
        }
    }

    /**
     * Like {@link #open(CryptoKey, byte[], int, int, PackedBlob)} without a fresh array per blob: decrypts in
     * place in {@code sealed} (whose ciphertext is then gone) and decompresses into {@code scratch}.
     */
    static Plaintext openInPlace(CryptoKey key, byte[] sealed, int offset, int length, PackedBlob where, Scratch scratch)
            throws CorruptDataException {
        int plainLength;
        try {
            plainLength = key.openInPlace(sealed, offset, length);
        } catch (CorruptDataException e) {
            throw corrupt(where, e.getMessage(), null);
        }
        int plainOffset = offset + CryptoKey.IV_LENGTH;
        Plaintext plain = new Plaintext(sealed, plainOffset, plainLength);
        if (where.isCompressed()) {
            int expected = where.uncompressedLength();
            byte[] out = scratch.out(expected);
            long n;
            try {
                n = DECOMPRESSORS.get().decompressByteArray(out, 0, expected, sealed, plainOffset, plainLength);
            } catch (RuntimeException e) {
                throw corrupt(where, "zstd data is damaged: " + e.getMessage(), e);
            }
            if (n != expected) {
                throw corrupt(where, "zstd data is damaged or has the wrong length (" + n + " bytes, expected "
                        + expected + ")", null);
            }
            plain = new Plaintext(out, 0, expected);
        }
        if (!Id.hash(plain.buffer(), plain.offset(), plain.length()).equals(where.handle().id())) {
            throw corrupt(where, "plaintext does not match the blob ID (hash mismatch)", null);
        }
        return plain;
    }

    static CorruptDataException corrupt(PackedBlob where, String what, Throwable cause) {
        return new CorruptDataException("pack " + where.packId() + ": blob " + where.handle().type().jsonName() + " "
                + where.handle().id() + " (offset " + where.offset() + ", length " + where.length() + "): " + what, cause);
    }
}
