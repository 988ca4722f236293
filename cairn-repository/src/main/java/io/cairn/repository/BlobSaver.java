package io.cairn.repository;

import java.io.IOException;

/** Stores blobs. Implementations are thread-safe and may block to keep memory bounded. */
public interface BlobSaver {
    /**
     * Stores {@code plaintext[0, length)} as a blob of the given type whose ID is the SHA-256 of those bytes,
     * unless the repository already holds it (or it is already queued). The blob is durable only after
     * {@link BlobStore#flush()}.
     *
     * @return true when the blob was new and will be written, false when it was deduplicated
     */
    boolean saveBlob(BlobType type, Id id, byte[] plaintext, int length) throws IOException;
}
