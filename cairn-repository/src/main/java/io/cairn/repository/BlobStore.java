package io.cairn.repository;

import java.io.IOException;
import java.util.List;

/**
 * Blobs in packs, with their index: the part of a repository the archiver and restorer work with.
 * {@link #flush()} makes every blob saved so far durable — packs first, then the index files naming them —
 * so a snapshot written after it never points at missing data.
 */
public interface BlobStore extends BlobSaver, BlobLoader, BlobIndex, java.io.Closeable {

    /** Reads every index file of the repository into memory (compactly). */
    void loadIndex() throws IOException;

    /** Writes all pending packs, then index files listing them; blocks until both are durable. */
    void flush() throws IOException;

    /** Loads and verifies one blob given where it lives (used by the restorer's pack-ordered reads). */
    byte[] loadBlob(PackedBlob where) throws IOException;

    /**
     * Loads and verifies several blobs, handing each to {@code sink} in list order. A store may read
     * neighbouring blobs of one pack with a single backend request, so callers should list a pack's blobs
     * by offset. This default loads them one by one.
     */
    default void loadBlobs(List<PackedBlob> blobs, BlobSink sink) throws IOException {
        for (int i = 0; i < blobs.size(); i++) {
            byte[] plaintext = loadBlob(blobs.get(i));
            if (!sink.accept(i, plaintext, 0, plaintext.length)) {
                return;
            }
        }
    }

    /** Number of blobs listed in the index. */
    long indexedBlobCount();
}
