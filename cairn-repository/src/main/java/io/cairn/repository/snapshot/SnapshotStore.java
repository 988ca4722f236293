package io.cairn.repository.snapshot;

import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.Json;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.RepositoryException;
import io.cairn.repository.UnpackedFiles;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.cache.CacheHints;
import io.cairn.repository.crypto.CryptoKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Snapshot files: JSON sealed with the master key (zstd-compressed in repository version 2), named by the hash
 * of the stored bytes. Resolves the references users type: a full ID, a unique prefix, or {@code latest}.
 */
public final class SnapshotStore {
    public static final String LATEST = "latest";
    private static final Comparator<Snapshot> BY_TIME =
            Comparator.comparing(Snapshot::time, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(Snapshot::id);

    private final Backend backend;
    private final CryptoKey key;
    private final boolean compress;
    private final CacheHints cache;

    public SnapshotStore(Backend backend, CryptoKey key, boolean compress) {
        this(backend, key, compress, CacheHints.NONE);
    }

    /** @param cache told which cached snapshot file failed verification */
    public SnapshotStore(Backend backend, CryptoKey key, boolean compress, CacheHints cache) {
        this.backend = backend;
        this.key = key;
        this.compress = compress;
        this.cache = cache;
    }

    /** Writes the snapshot (its {@code id} field is ignored) and returns the new file's ID. */
    public Id save(Snapshot snapshot) throws IOException {
        byte[] json = Json.MAPPER.writeValueAsBytes(snapshot);
        return UnpackedFiles.save(backend, key, FileType.SNAPSHOT, json, compress);
    }

    /** Loads one snapshot, with its ID attached; {@link CorruptDataException} when damaged. */
    public Snapshot load(Id id) throws IOException {
        Handle handle = Handle.of(FileType.SNAPSHOT, id);
        byte[] json;
        try {
            json = UnpackedFiles.load(backend, key, handle);
        } catch (CorruptDataException e) {
            if (!cache.forget(handle)) {
                throw e;
            }
            json = UnpackedFiles.load(backend, key, handle); // the cached copy was damaged; read the repository's
        }
        try {
            return Json.MAPPER.readValue(json, Snapshot.class).withId(id);
        } catch (IOException e) {
            throw new CorruptDataException("snapshot " + id.shortString() + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** IDs of every snapshot file, unordered, without loading them. */
    public List<Id> ids() throws IOException {
        List<Id> ids = new ArrayList<>();
        for (FileInfo file : backend.list(FileType.SNAPSHOT)) {
            try {
                ids.add(Id.parse(file.name()));
            } catch (IllegalArgumentException e) {
                // not a snapshot file (restic ignores such names too)
            }
        }
        return ids;
    }

    /** Every snapshot, oldest first. Fails on the first damaged file. */
    public List<Snapshot> list() throws IOException {
        List<Snapshot> out = new ArrayList<>();
        for (Id id : ids()) {
            out.add(load(id));
        }
        out.sort(BY_TIME);
        return out;
    }

    /**
     * Resolves a reference: {@code latest}, a full ID or a unique ID prefix (case-insensitive).
     *
     * @throws NotFoundException when nothing matches
     * @throws RepositoryException when a prefix matches several snapshots
     */
    public Snapshot find(String ref) throws IOException {
        if (LATEST.equals(ref)) {
            return findLatest(s -> true);
        }
        String prefix = ref == null ? "" : ref.toLowerCase(Locale.ROOT);
        if (prefix.isEmpty() || !prefix.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new NotFoundException("no snapshot matches '" + ref + "'");
        }
        List<Id> matches = ids().stream().filter(id -> id.toString().startsWith(prefix)).toList();
        if (matches.isEmpty()) {
            throw new NotFoundException("no snapshot matches '" + ref + "'");
        }
        if (matches.size() > 1) {
            throw new RepositoryException("'" + ref + "' is ambiguous: " + matches.size()
                    + " snapshots start with it; give more digits");
        }
        return load(matches.get(0));
    }

    /** The newest snapshot accepted by {@code filter} (by host, tags, paths…); {@link NotFoundException} if none. */
    public Snapshot findLatest(Predicate<Snapshot> filter) throws IOException {
        Optional<Snapshot> latest = list().stream().filter(filter).max(BY_TIME);
        return latest.orElseThrow(() -> new NotFoundException("no snapshot matches 'latest'"));
    }
}
