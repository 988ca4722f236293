package io.cairn.repository;

/** Looks blobs up in the repository's index. Thread-safe. */
public interface BlobIndex {
    /** Where the blob is stored, or null when the index does not list it. */
    PackedBlob lookup(BlobType type, Id id);

    default boolean has(BlobType type, Id id) {
        return lookup(type, id) != null;
    }
}
