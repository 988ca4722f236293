package io.cairn.repository.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.Repository;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.key.ScryptParams;
import io.cairn.repository.snapshot.Snapshot;
import io.cairn.repository.testing.Backups;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two writers with shared locks at once both succeed; an exclusive lock (prune) is refused meanwhile. */
class ConcurrentBackupsTest {
    private static final char[] PW = "pw".toCharArray();

    @TempDir
    Path tmp;

    @Test
    void twoBackupsAtOnceBothSucceedAndPruneIsRefusedWhileTheyRun() throws Exception {
        Path repoDir = tmp.resolve("repo");
        Repository.init(new LocalBackend(repoDir), PW, 2, new ScryptParams(16, 1, 1)).close();
        Path a = Backups.files(tmp.resolve("a"), 1, 4, 50_000);
        Path b = Backups.files(tmp.resolve("b"), 2, 4, 50_000);
        CountDownLatch bothLocked = new CountDownLatch(2);
        CountDownLatch pruneTried = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<CompletableFuture<Snapshot>> runs = List.of(a, b).stream().map(dir -> CompletableFuture.supplyAsync(() -> {
            try (Repository repo = Repository.open(new LocalBackend(repoDir), PW); Lock lock = repo.lockShared()) {
                bothLocked.countDown();
                pruneTried.await();
                return Backups.backup(repo, dir, OffsetDateTime.now(), "h", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, pool)).toList();
        assertThat(bothLocked.await(30, TimeUnit.SECONDS)).isTrue();
        try (Repository repo = Repository.open(new LocalBackend(repoDir), PW)) {
            assertThatThrownBy(repo::lockExclusive).isInstanceOf(LockedException.class);
        } finally {
            pruneTried.countDown();
        }
        for (CompletableFuture<Snapshot> f : runs) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        try (Repository repo = Repository.open(new LocalBackend(repoDir), PW)) {
            assertThat(repo.listSnapshots()).hasSize(2);
            assertThat(repo.locks().list()).isEmpty();
            Backups.assertChecksClean(repo);
            repo.lockExclusive().close();
        }
    }
}
