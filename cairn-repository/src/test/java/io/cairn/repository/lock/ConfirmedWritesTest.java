package io.cairn.repository.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.Id;
import io.cairn.repository.Repository;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.key.ScryptParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository's writes wait for its lock's second check, and never happen when that check finds a rival. */
class ConfirmedWritesTest {
    private static final char[] PW = "pw".toCharArray();
    private static final Duration RECHECK = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private Repository open() throws Exception {
        Repository.init(new LocalBackend(dir), PW, 2, new ScryptParams(16, 1, 1)).close();
        Repository repo = Repository.open(new LocalBackend(dir), PW);
        repo.locks().timing(Duration.ofMinutes(5), RECHECK);
        return repo;
    }

    @Test
    void aWriteWaitsUntilTheLockIsConfirmed() throws Exception {
        try (Repository repo = open(); Lock lock = repo.lockShared()) {
            Handle file = Handle.of(FileType.SNAPSHOT, Id.hash(new byte[] {1}));
            repo.backend().save(file, List.of(new byte[] {1}, new byte[] {2}));
            assertThat(lock.settled()).isTrue();
            assertThat(repo.backend().load(file)).containsExactly(1, 2);
        }
    }

    @Test
    void noWriteHappensWhenARivalLockAppearedMeanwhile() throws Exception {
        try (Repository repo = open(); Lock lock = repo.lockShared()) {
            LocalBackend raw = new LocalBackend(dir);
            new Locks(raw, repo.masterKey(), true, Clock.systemUTC(), "elsewhere", "pruner").write(true);
            Handle file = Handle.of(FileType.SNAPSHOT, Id.hash(new byte[] {1}));
            assertThatThrownBy(() -> repo.backend().save(file, new byte[] {1})).isInstanceOf(LockedException.class)
                    .hasMessageContaining("held by pruner@elsewhere");
            assertThatThrownBy(() -> repo.backend().remove(Handle.of(FileType.SNAPSHOT, Id.hash(new byte[] {2}))))
                    .isInstanceOf(LockedException.class);
            Path staged = Files.writeString(dir.resolve("staged"), "pack");
            assertThatThrownBy(() -> repo.backend().saveFile(Handle.of(FileType.PACK, Id.hash(new byte[] {3})), staged))
                    .isInstanceOf(LockedException.class);
            assertThat(raw.list(FileType.SNAPSHOT)).isEmpty();
            assertThat(raw.list(FileType.PACK)).isEmpty();
            assertThat(repo.locks().list()).extracting(LockInfo::exclusive).containsExactly(true);
        }
    }
}
