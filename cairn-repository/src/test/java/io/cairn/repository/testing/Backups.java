package io.cairn.repository.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.Id;
import io.cairn.repository.Repository;
import io.cairn.repository.archiver.ArchiveListener;
import io.cairn.repository.archiver.ArchiveResult;
import io.cairn.repository.archiver.Archiver;
import io.cairn.repository.archiver.ArchiverOptions;
import io.cairn.repository.pack.PackBlobStore;
import io.cairn.repository.restorer.RestoreListener;
import io.cairn.repository.restorer.Restorer;
import io.cairn.repository.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Backs up and restores small directories through the real archiver, restorer and pack store. */
public final class Backups {
    /** Small packs, so that a few files make several packs and prune has something to repack. */
    public static final int PACK_SIZE = 64 * 1024;

    private Backups() {
    }

    /** Writes {@code count} files of random bytes (seeded) into {@code dir}. */
    public static Path files(Path dir, long seed, int count, int size) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[size];
            r.nextBytes(b);
            Files.write(dir.resolve("f" + seed + "-" + i), b);
        }
        return dir;
    }

    /** Backs up {@code dir} into a snapshot with the given time, host and tags; returns it with its ID. */
    public static Snapshot backup(Repository repo, Path dir, OffsetDateTime time, String host, List<String> tags)
            throws IOException, InterruptedException {
        try (PackBlobStore store = new PackBlobStore(repo.backend(), repo.masterKey(), repo.config().compression(),
                PACK_SIZE)) {
            store.loadIndex();
            ArchiveResult result = new Archiver(store, ArchiverOptions.defaults(repo.polynomial()).withParallelism(2))
                    .snapshot(List.of(dir), null, ArchiveListener.NONE);
            store.flush();
            Snapshot s = new Snapshot(time, null, result.rootTree(), Archiver.snapshotPaths(List.of(dir)), host,
                    "tester", 0, 0, null, tags == null || tags.isEmpty() ? null : tags, null, null);
            Id id = repo.saveSnapshot(s);
            return s.withId(id);
        }
    }

    /** Restores the snapshot into {@code target} and asserts its files equal those of {@code original}. */
    public static void assertRestoresTo(Repository repo, Snapshot snapshot, Path original, Path target)
            throws IOException {
        try (PackBlobStore store = new PackBlobStore(repo.backend(), repo.masterKey(), repo.config().compression())) {
            store.loadIndex();
            new Restorer(store).restoreTree(snapshot.tree(), target, RestoreListener.NONE);
        }
        Path restored = target.resolve(original.toAbsolutePath().toString().substring(1));
        assertThat(contents(restored)).isEqualTo(contents(original));
    }

    /** Index, packs (read in full) and every snapshot's trees check without a single problem. */
    public static void assertChecksClean(Repository repo) throws Exception {
        io.cairn.repository.check.Checker checker = new io.cairn.repository.check.Checker(repo.backend(),
                repo.masterKey());
        assertThat(checker.check(true).problems()).isEmpty();
        try (PackBlobStore store = new PackBlobStore(repo.backend(), repo.masterKey(), repo.config().compression())) {
            store.loadIndex();
            List<Id> roots = repo.listSnapshots().stream().map(Snapshot::tree).toList();
            assertThat(checker.checkTrees(roots, store, store).problems()).isEmpty();
        }
    }

    /** Relative path → SHA-256 of every regular file under {@code dir}. */
    public static Map<String, Id> contents(Path dir) throws IOException {
        Map<String, Id> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    out.put(dir.relativize(p).toString(), Id.hash(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }
}
