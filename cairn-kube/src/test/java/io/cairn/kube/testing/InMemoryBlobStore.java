package io.cairn.kube.testing;

import io.cairn.repository.BlobHandle;
import io.cairn.repository.BlobStore;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.PackedBlob;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** TEMPORARY fixture while the pack store is written: blobs in a map. Tests move to the real store. */
public final class InMemoryBlobStore implements BlobStore {
    private final Map<BlobHandle, byte[]> blobs = new ConcurrentHashMap<>();
    private static final Id FAKE_PACK = Id.hash(new byte[0]);

    @Override
    public boolean saveBlob(BlobType type, Id id, byte[] plaintext, int length) {
        if (!Id.hash(plaintext, 0, length).equals(id)) {
            throw new IllegalArgumentException("id does not match content");
        }
        return blobs.putIfAbsent(new BlobHandle(type, id), Arrays.copyOf(plaintext, length)) == null;
    }

    @Override
    public byte[] loadBlob(BlobType type, Id id) throws NotFoundException {
        byte[] b = blobs.get(new BlobHandle(type, id));
        if (b == null) {
            throw new NotFoundException("blob " + id + " not found");
        }
        return b.clone();
    }

    @Override
    public PackedBlob lookup(BlobType type, Id id) {
        byte[] b = blobs.get(new BlobHandle(type, id));
        return b == null ? null : new PackedBlob(new BlobHandle(type, id), FAKE_PACK, 0, b.length + 32, 0);
    }

    @Override
    public void loadIndex() {
    }

    @Override
    public void flush() {
    }

    @Override
    public byte[] loadBlob(PackedBlob where) throws NotFoundException {
        return loadBlob(where.handle().type(), where.handle().id());
    }

    @Override
    public long indexedBlobCount() {
        return blobs.size();
    }

    @Override
    public void close() {
    }
}
