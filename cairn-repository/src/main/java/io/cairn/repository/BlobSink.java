package io.cairn.repository;

import java.io.IOException;

/**
 * Receives the blobs of {@link BlobStore#loadBlobs}, one at a time, in the order they were asked for. The bytes
 * are lent for the call only: the store reuses the buffer for later blobs.
 */
@FunctionalInterface
public interface BlobSink {
    /**
     * @param index  the blob's position in the list that was asked for
     * @param buffer holds its verified plaintext at {@code [offset, offset + length)}, until this call returns
     * @return false to stop loading
     */
    boolean accept(int index, byte[] buffer, int offset, int length) throws IOException;
}
