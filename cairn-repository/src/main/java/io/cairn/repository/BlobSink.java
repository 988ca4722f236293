package io.cairn.repository;

import java.io.IOException;

/** Receives the blobs of {@link BlobStore#loadBlobs}, one at a time, in the order they were asked for. */
@FunctionalInterface
public interface BlobSink {
    /**
     * @param index     the blob's position in the list that was asked for
     * @param plaintext its verified plaintext
     * @return false to stop loading
     */
    boolean accept(int index, byte[] plaintext) throws IOException;
}
