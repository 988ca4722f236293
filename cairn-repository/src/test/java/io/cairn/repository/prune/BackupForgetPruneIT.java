package io.cairn.repository.prune;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.Id;
import io.cairn.repository.Repository;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FaultInjectingBackend;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.backend.LimitedBackend;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.backend.RetryBackend;
import io.cairn.repository.key.ScryptParams;
import io.cairn.repository.lock.Lock;
import io.cairn.repository.pack.PackBlobStore;
import io.cairn.repository.restorer.RestoreListener;
import io.cairn.repository.restorer.Restorer;
import io.cairn.repository.snapshot.Snapshot;
import io.cairn.repository.testing.Backups;
import io.cairn.repository.testing.ResticCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test: seeded random sequences of backup / forget / prune over a backend that fails transiently now
 * and then (retried); after every step each remaining snapshot restores byte-identical and the repository checks
 * clean, and at the end restic check --read-data passes.
 */
class BackupForgetPruneIT {
    private static final char[] PW = "prop".toCharArray();

    @TempDir
    Path tmp;

    @Test
    void randomBackupForgetPruneSequencesKeepEverySnapshotRestorable() throws Exception {
        for (long seed = 1; seed <= 2; seed++) {
            run(seed, tmp.resolve("run" + seed));
        }
    }

    private void run(long seed, Path dir) throws Exception {
        Random rnd = new Random(seed);
        Path repoDir = dir.resolve("repo");
        FaultInjectingBackend faulty = new FaultInjectingBackend(new LocalBackend(repoDir), seed).transientErrors(0.03);
        Backend backend = new RetryBackend(new LimitedBackend(faulty, 4),
                new RetryBackend.Policy(20, Duration.ofMillis(1), Duration.ofMillis(5)), RetryBackend.Listener.NONE,
                RetryBackend.Sleeper.REAL);
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        Map<Id, Map<String, Id>> expected = new HashMap<>();
        OffsetDateTime time = OffsetDateTime.now();
        try (Repository repo = Repository.init(backend, PW, 2, new ScryptParams(16, 1, 1))) {
            for (int step = 0; step < 8; step++) {
                int op = step < 2 ? 0 : rnd.nextInt(3);
                if (op == 0) {
                    mutate(src, rnd);
                    time = time.plusMinutes(1);
                    try (Lock lock = repo.lockShared()) {
                        Snapshot s = Backups.backup(repo, src, time, "h", null);
                        expected.put(s.id(), Backups.contents(src));
                    }
                } else if (op == 1 && expected.size() > 1) {
                    List<Id> ids = new ArrayList<>(expected.keySet());
                    Id victim = ids.get(rnd.nextInt(ids.size()));
                    try (Lock lock = repo.lockExclusive()) {
                        repo.backend().remove(Handle.of(FileType.SNAPSHOT, victim));
                    }
                    expected.remove(victim);
                } else {
                    try (Lock lock = repo.lockExclusive()) {
                        new Pruner(repo).maxUnusedPercent(rnd.nextInt(3) * 10).prune();
                    }
                }
                verify(repo, expected, dir.resolve("restore-" + step));
            }
            assertThat(faulty.injected()).isPositive();
        }
        new ResticCli(repoDir).run(new String(PW), "check", "--read-data");
    }

    /** Adds, rewrites or deletes a few small files. */
    private static void mutate(Path src, Random rnd) throws Exception {
        for (int i = 0; i < 4; i++) {
            Path f = src.resolve("f" + rnd.nextInt(8));
            if (rnd.nextInt(4) == 0) {
                Files.deleteIfExists(f);
            } else {
                byte[] b = new byte[5_000 + rnd.nextInt(40_000)];
                rnd.nextBytes(b);
                Files.write(f, b);
            }
        }
        Files.writeString(src.resolve("always"), "x");
    }

    private static void verify(Repository repo, Map<Id, Map<String, Id>> expected, Path target) throws Exception {
        assertThat(repo.snapshots().ids()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        Backups.assertChecksClean(repo);
        try (PackBlobStore store = new PackBlobStore(repo.backend(), repo.masterKey(), true)) {
            store.loadIndex();
            for (Map.Entry<Id, Map<String, Id>> e : expected.entrySet()) {
                Snapshot s = repo.loadSnapshot(e.getKey());
                Path out = target.resolve(e.getKey().shortString());
                new Restorer(store).restoreTree(s.tree(), out, RestoreListener.NONE);
                Path restored = out.resolve(s.paths().get(0).substring(1));
                assertThat(Backups.contents(restored)).isEqualTo(e.getValue());
            }
        }
    }
}
