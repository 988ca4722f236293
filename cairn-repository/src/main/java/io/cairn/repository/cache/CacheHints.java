package io.cairn.repository.cache;

import io.cairn.repository.Id;
import io.cairn.repository.backend.Handle;

/**
 * What readers of the repository tell a local cache ({@link CachingBackend}) that the backend interface cannot:
 * which packs hold tree blobs (the only packs worth keeping), and which cached copy failed the reader's
 * verification. {@link #NONE} when there is no cache.
 */
public interface CacheHints {
    CacheHints NONE = new CacheHints() {
        @Override
        public void treePack(Id pack) {
        }

        @Override
        public boolean forget(Handle handle) {
            return false;
        }
    };

    /** {@code pack} holds tree blobs: keep a copy of it when it is written or first read. */
    void treePack(Id pack);

    /**
     * Drops the cached copy of a file whose content failed verification (MAC, hash), so that loading it again
     * reads the repository's copy.
     *
     * @return true when there was a cached copy, i.e. a second load is worth it
     */
    boolean forget(Handle handle);
}
