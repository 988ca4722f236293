package io.cairn.repository.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.BlobStore;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.Repository;
import io.cairn.repository.archiver.ArchiveListener;
import io.cairn.repository.archiver.ArchiveResult;
import io.cairn.repository.archiver.Archiver;
import io.cairn.repository.archiver.ArchiverOptions;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.BackendOptions;
import io.cairn.repository.backend.Backends;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.FilterBackend;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.backend.s3.LocalS3Server;
import io.cairn.repository.backend.s3.S3ServerExtension;
import io.cairn.repository.key.ScryptParams;
import io.cairn.repository.prune.Pruner;
import io.cairn.repository.restorer.TreeEntry;
import io.cairn.repository.restorer.TreeNavigator;
import io.cairn.repository.snapshot.Snapshot;
import io.cairn.repository.testing.Backups;
import io.cairn.repository.testing.ResticCli;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The local cache against an S3 server (S3Proxy): what a second run reads remotely, and how copies go stale. */
class CachingBackendIT {
    private static final String PASSWORD = "cache-password";
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    @TempDir
    Path tmp;

    /** Counts the loads (whole or ranged) that reach the storage, per file type. */
    static final class CountingBackend extends FilterBackend {
        final Map<FileType, AtomicInteger> loads = new EnumMap<>(FileType.class);

        CountingBackend(Backend inner) {
            super(inner);
            for (FileType t : FileType.values()) {
                loads.put(t, new AtomicInteger());
            }
        }

        @Override
        public byte[] load(Handle handle) throws IOException {
            loads.get(handle.type()).incrementAndGet();
            return inner.load(handle);
        }

        @Override
        public byte[] load(Handle handle, long offset, int length) throws IOException {
            loads.get(handle.type()).incrementAndGet();
            return inner.load(handle, offset, length);
        }

        @Override
        public void load(Handle handle, long offset, int length, byte[] into, int at) throws IOException {
            loads.get(handle.type()).incrementAndGet();
            inner.load(handle, offset, length, into, at);
        }

        int loads(FileType type) {
            return loads.get(type).get();
        }
    }

    private static Backend storage(String location) {
        return Backends.open(location, BackendOptions.defaults().withEnv(LocalS3Server.env()));
    }

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private Repository open(Backend storage, Path cacheRoot) throws IOException {
        return Repository.open(storage, PASSWORD.toCharArray(), cacheRoot, warnings::add);
    }

    private String init(String bucket) throws IOException {
        String location = S3.server().location(bucket);
        Repository.init(storage(location), PASSWORD.toCharArray(), 2, new ScryptParams(16, 1, 1)).close();
        return location;
    }

    /** A backup as {@code repo backup} makes it: the repository's own blob store, the parent's trees. */
    private static Snapshot backup(Repository repo, Path dir, Snapshot parent, int second) throws Exception {
        BlobStore store = repo.blobs();
        store.loadIndex();
        ArchiveResult result = new Archiver(store, ArchiverOptions.defaults(repo.polynomial()).withParallelism(2))
                .snapshot(List.of(dir), parent == null ? null : parent.tree(), ArchiveListener.NONE);
        store.flush();
        Snapshot s = new Snapshot(OffsetDateTime.parse("2026-01-01T00:00:00Z").plusSeconds(second), null,
                result.rootTree(), Archiver.snapshotPaths(List.of(dir)), "host", "tester", 0, 0, null, null, null,
                null);
        return s.withId(repo.saveSnapshot(s));
    }

    /** Every path and node of the snapshot, as {@code repo ls} walks it. */
    private static List<String> ls(Repository repo, Snapshot s) throws IOException {
        List<String> out = new ArrayList<>();
        for (var it = new TreeNavigator(repo.blobs()).list(s.tree()); it.hasNext(); ) {
            TreeEntry e = it.next();
            out.add(e.path() + " " + e.node().size());
        }
        return out;
    }

    private Path dataTree() throws IOException {
        Path data = Backups.files(tmp.resolve("data/a"), 1, 3, 20_000);
        Backups.files(tmp.resolve("data/b/c"), 2, 3, 5_000);
        return tmp.resolve("data");
    }

    private static Set<String> cachedNames(Path repoCache, FileType type) throws IOException {
        Path d = repoCache.resolve(type.directory());
        if (!Files.isDirectory(d)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> remoteNames(Backend b, FileType type) throws IOException {
        return b.list(type).stream().map(FileInfo::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path repoCache(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    /** A new repository in its own bucket, one backup of {@link #dataTree} through the cache, and its listing. */
    private record FirstRun(String location, Path data, Path cache, Snapshot snapshot, List<String> listed) {
    }

    private FirstRun firstRun(String bucket) throws Exception {
        String location = init(bucket);
        Path data = dataTree();
        Path cache = tmp.resolve("cache");
        try (Repository repo = open(storage(location), cache)) {
            Snapshot snapshot = backup(repo, data, null, 0);
            return new FirstRun(location, data, cache, snapshot, ls(repo, snapshot));
        }
    }

    @Test
    void aSecondRunReadsIndexSnapshotsAndTreesFromTheCacheOnlyAndResticStillReadsTheRepository() throws Exception {
        FirstRun run = firstRun("second-run");
        String location = run.location();
        Path data = run.data();
        Path cache = run.cache();
        Snapshot first = run.snapshot();
        List<String> listed = run.listed();
        assertThat(cache.resolve("CACHEDIR.TAG")).content().startsWith("Signature: 8a477f597d28d172789f06886806bc55");
        Path repoCache = repoCache(cache);
        Backend plain = storage(location);
        assertThat(cachedNames(repoCache, FileType.INDEX)).isEqualTo(remoteNames(plain, FileType.INDEX));
        assertThat(cachedNames(repoCache, FileType.SNAPSHOT)).containsExactly(first.id().toString());
        assertThat(cachedNames(repoCache, FileType.PACK)).as("the tree pack, not the data packs").hasSize(1);

        // The next run (a new process: a new repository object) downloads none of them.
        CountingBackend counting = new CountingBackend(storage(location));
        try (Repository repo = open(counting, cache)) {
            assertThat(repo.listSnapshots()).extracting(Snapshot::id).containsExactly(first.id());
            Snapshot again = backup(repo, data, first, 1);
            // the same files (the trees themselves may differ: reading the files changed their atime)
            assertThat(ls(repo, again)).isEqualTo(listed);
        }
        assertThat(counting.loads(FileType.INDEX)).isZero();
        assertThat(counting.loads(FileType.SNAPSHOT)).isZero();
        assertThat(counting.loads(FileType.PACK)).isZero();

        // Without the cache the same run downloads them all (the counter sees what it should).
        CountingBackend uncached = new CountingBackend(storage(location));
        try (Repository repo = open(uncached, null)) {
            assertThat(repo.listSnapshots()).hasSize(2);
            repo.blobs().loadIndex();
            assertThat(ls(repo, first)).isEqualTo(listed);
        }
        assertThat(uncached.loads(FileType.INDEX)).isPositive();
        assertThat(uncached.loads(FileType.SNAPSHOT)).isEqualTo(2);
        assertThat(uncached.loads(FileType.PACK)).isPositive();
        assertThat(warnings).isEmpty();

        ResticCli restic = new ResticCli(location, LocalS3Server.env());
        restic.run(PASSWORD, "check", "--read-data");
        assertThat(restic.run(PASSWORD, "ls", first.id().toString())).contains("/b/c/");
    }

    @Test
    void aFirstReadFillsTheCacheWithWholeTreePacksAndNoDataPacks() throws Exception {
        String location = init("first-read");
        Path data = dataTree();
        Snapshot s;
        List<String> listed;
        try (Repository repo = open(storage(location), null)) {
            s = backup(repo, data, null, 0);
            listed = ls(repo, s);
        }
        Path cache = tmp.resolve("cache");
        try (Repository repo = open(storage(location), cache)) {
            repo.blobs().loadIndex();
            assertThat(ls(repo, repo.findSnapshot("latest"))).isEqualTo(listed);
            // a data blob is read, but its pack is not kept
            Id dataBlob = repo.blobs().lookup(BlobType.DATA, Id.hash(Files.readAllBytes(data.resolve("b/c/f2-0"))))
                    .packId();
            repo.blobs().loadBlob(BlobType.DATA, Id.hash(Files.readAllBytes(data.resolve("b/c/f2-0"))));
            assertThat(cachedNames(repoCache(cache), FileType.PACK)).doesNotContain(dataBlob.toString()).hasSize(1);
        }
        Path repoCache = repoCache(cache);
        Backend plain = storage(location);
        String treePack = cachedNames(repoCache, FileType.PACK).iterator().next();
        assertThat(Files.size(repoCache.resolve(Handle.of(FileType.PACK, Id.parse(treePack)).relativePath())))
                .isEqualTo(plain.size(Handle.of(FileType.PACK, Id.parse(treePack))));
        assertThat(cachedNames(repoCache, FileType.INDEX)).isEqualTo(remoteNames(plain, FileType.INDEX));

        CountingBackend counting = new CountingBackend(storage(location));
        try (Repository repo = open(counting, cache)) {
            repo.blobs().loadIndex();
            assertThat(ls(repo, repo.findSnapshot("latest"))).isEqualTo(listed);
        }
        assertThat(counting.loads(FileType.PACK) + counting.loads(FileType.INDEX)
                + counting.loads(FileType.SNAPSHOT)).isZero();
    }

    @Test
    void pruneDropsRemovedPacksAndIndexFilesFromTheCache() throws Exception {
        String location = init("prune");
        Path a = Backups.files(tmp.resolve("a"), 3, 3, 20_000);
        Path b = Backups.files(tmp.resolve("b"), 4, 3, 20_000);
        Path cache = tmp.resolve("cache");
        try (Repository repo = open(storage(location), cache)) {
            backup(repo, a, null, 0);
            backup(repo, b, null, 1);
        }
        Path repoCache = repoCache(cache);
        Set<String> packsBefore = cachedNames(repoCache, FileType.PACK);
        assertThat(packsBefore).hasSize(2);
        try (Repository repo = open(storage(location), cache)) {
            Snapshot first = repo.listSnapshots().get(0);
            repo.backend().remove(Handle.of(FileType.SNAPSHOT, first.id()));
            new Pruner(repo).maxUnusedPercent(0).prune();
        }
        Backend plain = storage(location);
        Set<String> remotePacks = remoteNames(plain, FileType.PACK);
        Set<String> cachedPacks = cachedNames(repoCache, FileType.PACK);
        assertThat(remotePacks).containsAll(cachedPacks);
        assertThat(packsBefore).anyMatch(p -> !remotePacks.contains(p));
        assertThat(cachedPacks).doesNotContainAnyElementsOf(
                packsBefore.stream().filter(p -> !remotePacks.contains(p)).toList());
        assertThat(cachedNames(repoCache, FileType.INDEX)).isEqualTo(remoteNames(plain, FileType.INDEX));
        assertThat(cachedNames(repoCache, FileType.SNAPSHOT)).isEqualTo(remoteNames(plain, FileType.SNAPSHOT));

        // A file removed by another process disappears from the cache at the next listing.
        String snapshot = remoteNames(plain, FileType.SNAPSHOT).iterator().next();
        plain.remove(new Handle(FileType.SNAPSHOT, snapshot));
        try (Repository repo = open(storage(location), cache)) {
            assertThat(repo.listSnapshots()).isEmpty();
        }
        assertThat(cachedNames(repoCache, FileType.SNAPSHOT)).isEmpty();
    }

    @Test
    void truncatedOrDamagedCopiesAreDroppedAndFetchedAgain() throws Exception {
        FirstRun run = firstRun("damaged");
        String location = run.location();
        Path cache = run.cache();
        Snapshot s = run.snapshot();
        List<String> listed = run.listed();
        Path repoCache = repoCache(cache);
        Path index = repoCache.resolve("index").resolve(cachedNames(repoCache, FileType.INDEX).iterator().next());
        Path pack;
        try (Stream<Path> w = Files.walk(repoCache.resolve("data"))) {
            pack = w.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Path snapshot = repoCache.resolve("snapshots").resolve(s.id().toString());
        long indexSize = Files.size(index);
        long packSize = Files.size(pack);
        truncate(index, indexSize / 2);
        truncate(pack, 10);
        byte[] snap = Files.readAllBytes(snapshot);
        snap[snap.length / 2] ^= 0x5a; // same size, damaged content: only its reader's verification sees it
        Files.write(snapshot, snap);

        CountingBackend counting = new CountingBackend(storage(location));
        try (Repository repo = open(counting, cache)) {
            assertThat(repo.listSnapshots()).extracting(Snapshot::id).containsExactly(s.id());
            repo.blobs().loadIndex();
            assertThat(ls(repo, s)).isEqualTo(listed);
        }
        assertThat(counting.loads(FileType.INDEX)).isEqualTo(1);
        assertThat(counting.loads(FileType.SNAPSHOT)).isEqualTo(1);
        assertThat(counting.loads(FileType.PACK)).isPositive();
        assertThat(warnings).isEmpty();
        // the copies are whole again
        assertThat(Files.size(index)).isEqualTo(indexSize);
        assertThat(Files.readAllBytes(snapshot)).isNotEqualTo(snap);

        // A pack copy damaged in place (same size) fails the blob's MAC: dropped and read from the repository.
        try (Repository repo = open(storage(location), cache)) {
            repo.blobs().loadIndex();
            ls(repo, s); // the truncated pack was dropped; this fills it again
        }
        assertThat(Files.size(pack)).isEqualTo(packSize);
        byte[] p = Files.readAllBytes(pack);
        for (int i = 0; i < p.length - 64; i += 16) {
            p[i] ^= 0x33;
        }
        Files.write(pack, p);
        try (Repository repo = open(storage(location), cache)) {
            repo.blobs().loadIndex();
            assertThat(ls(repo, s)).isEqualTo(listed);
        }
    }

    @Test
    void aCacheDirectoryThatCannotBeCreatedWarnsOnceAndTheRepositoryWorksWithout() throws Exception {
        String location = init("no-cache-dir");
        Path blocker = Files.writeString(tmp.resolve("a-file"), "not a directory");
        try (Repository repo = open(storage(location), blocker.resolve("cache"))) {
            Snapshot s = backup(repo, dataTree(), null, 0);
            assertThat(repo.listSnapshots()).extracting(Snapshot::id).containsExactly(s.id());
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("cannot use the cache directory").contains("without a cache");
    }

    private static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }
}
