package io.cairn.repository;

/** A blob's identity: its type and the SHA-256 of its plaintext. */
public record BlobHandle(BlobType type, Id id) {
    @Override
    public String toString() {
        return type.jsonName() + "/" + id.shortString();
    }
}
