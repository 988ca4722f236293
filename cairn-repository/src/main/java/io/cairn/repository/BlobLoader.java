package io.cairn.repository;

import java.io.IOException;

/** Reads blobs back, verified: a MAC or hash mismatch throws {@link CorruptDataException} naming the pack. */
public interface BlobLoader {
    /** The blob's plaintext; {@link NotFoundException} when no index lists it. */
    byte[] loadBlob(BlobType type, Id id) throws IOException;
}
