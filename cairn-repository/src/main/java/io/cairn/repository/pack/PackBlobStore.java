package io.cairn.repository.pack;

import io.cairn.repository.BlobStore;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.PackedBlob;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.crypto.CryptoKey;
import java.io.IOException;

/** STUB — replaced by the pack/index work. Blobs in restic packs, with an in-memory index. */
public final class PackBlobStore implements BlobStore {
    /** @param compress true for repository version 2 (zstd, stored compressed only when smaller) */
    public PackBlobStore(Backend backend, CryptoKey key, boolean compress) {
    }

    @Override
    public boolean saveBlob(BlobType type, Id id, byte[] plaintext, int length) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public byte[] loadBlob(BlobType type, Id id) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public PackedBlob lookup(BlobType type, Id id) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void loadIndex() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void flush() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public byte[] loadBlob(PackedBlob where) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public long indexedBlobCount() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() throws IOException {
    }
}
