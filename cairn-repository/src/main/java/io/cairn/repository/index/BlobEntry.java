package io.cairn.repository.index;

import io.cairn.repository.BlobHandle;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.PackedBlob;

/**
 * One blob of one pack, as a pack header and an index file describe it: {@code length} is the sealed length
 * in the pack, {@code uncompressedLength} the plaintext length of a compressed blob and 0 for a blob stored
 * without compression.
 */
public record BlobEntry(BlobType type, Id id, long offset, int length, int uncompressedLength) {

    public boolean isCompressed() {
        return uncompressedLength != 0;
    }

    public BlobHandle handle() {
        return new BlobHandle(type, id);
    }

    public PackedBlob in(Id packId) {
        return new PackedBlob(handle(), packId, offset, length, uncompressedLength);
    }
}
