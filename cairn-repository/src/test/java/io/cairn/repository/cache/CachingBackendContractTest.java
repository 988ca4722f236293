package io.cairn.repository.cache;

import io.cairn.repository.Id;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.BackendContractTest;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.FilterBackend;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.backend.LocalBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The cache keeps the backend contract, with every pack treated as a tree pack (so every read goes through it). */
class CachingBackendContractTest extends BackendContractTest {
    @Override
    protected Backend newBackend(Path dir) {
        CachingBackend cache = new CachingBackend(new LocalBackend(dir.resolve("repo")), dir.resolve("cache"),
                message -> {
                    throw new AssertionError(message);
                });
        return new FilterBackend(cache) {
            private Handle hinted(Handle h) {
                if (h.type() == FileType.PACK) {
                    cache.treePack(Id.parse(h.name()));
                }
                return h;
            }

            @Override
            public byte[] load(Handle handle) throws IOException {
                return inner.load(hinted(handle));
            }

            @Override
            public byte[] load(Handle handle, long offset, int length) throws IOException {
                return inner.load(hinted(handle), offset, length);
            }

            @Override
            public void save(Handle handle, byte[] data) throws IOException {
                inner.save(hinted(handle), data);
            }

            @Override
            public void save(Handle handle, List<byte[]> parts) throws IOException {
                inner.save(hinted(handle), parts);
            }
        };
    }
}
