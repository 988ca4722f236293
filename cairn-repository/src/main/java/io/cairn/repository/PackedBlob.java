package io.cairn.repository;

/**
 * Where a blob lives: its pack and the byte range of its sealed form there. {@code uncompressedLength} is 0
 * for a blob stored without compression, else the plaintext length (restic's index field).
 */
public record PackedBlob(BlobHandle handle, Id packId, long offset, int length, int uncompressedLength) {
    public boolean isCompressed() {
        return uncompressedLength != 0;
    }

    /** Plaintext length of the blob. */
    public int plaintextLength() {
        return isCompressed() ? uncompressedLength : length - io.cairn.repository.crypto.CryptoKey.OVERHEAD;
    }
}
