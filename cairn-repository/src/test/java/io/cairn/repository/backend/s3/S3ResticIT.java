package io.cairn.repository.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.Repository;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.BackendOptions;
import io.cairn.repository.backend.Backends;
import io.cairn.repository.check.Checker;
import io.cairn.repository.key.ScryptParams;
import io.cairn.repository.prune.Pruner;
import io.cairn.repository.snapshot.Snapshot;
import io.cairn.repository.testing.Backups;
import io.cairn.repository.testing.ResticCli;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Cairn and restic 0.14 on the same S3 repository (S3Proxy): backup, check, restore and prune both ways. */
class S3ResticIT {
    private static final String PASSWORD = "s3-password";
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    @TempDir
    Path tmp;

    static Backend open(String location) {
        return Backends.open(location, BackendOptions.defaults().withEnv(LocalS3Server.env()));
    }

    @Test
    void resticReadsChecksAndRestoresWhatCairnWroteAndCairnChecksAfterResticPrunes() throws Exception {
        String location = S3.server().location("cairn-writes/repo");
        Path a = Backups.files(tmp.resolve("a"), 1, 4, 30_000);
        Path b = Backups.files(tmp.resolve("b"), 2, 4, 30_000);
        ResticCli restic = new ResticCli(location, LocalS3Server.env());
        try (Repository repo = Repository.init(open(location), PASSWORD.toCharArray(), 2, new ScryptParams(16, 1, 1))) {
            Snapshot s1 = Backups.backup(repo, a, OffsetDateTime.now(), "h", List.of("one"));
            Backups.backup(repo, b, OffsetDateTime.now().plusSeconds(1), "h", null);
            restic.run(PASSWORD, "check", "--read-data");
            restic.run(PASSWORD, "restore", s1.id().toString(), "--target", tmp.resolve("r").toString());
            assertThat(Backups.contents(tmp.resolve("r").resolve(a.toString().substring(1))))
                    .isEqualTo(Backups.contents(a));

            restic.run(PASSWORD, "forget", s1.id().toString(), "--prune");
            Backups.assertChecksClean(repo);

            Backups.backup(repo, a, OffsetDateTime.now().plusSeconds(2), "h", null);
            new Pruner(repo).maxUnusedPercent(0).prune();
            restic.run(PASSWORD, "check", "--read-data");
        }
    }

    @Test
    void cairnPrunesWhatResticWroteAndResticChecksIt() throws Exception {
        String location = S3.server().location("restic-writes");
        ResticCli restic = new ResticCli(location, LocalS3Server.env());
        restic.run(PASSWORD, "init");
        Path a = Backups.files(tmp.resolve("a"), 3, 4, 30_000);
        Path b = Backups.files(tmp.resolve("b"), 4, 4, 30_000);
        restic.run(PASSWORD, "backup", a.toString());
        restic.run(PASSWORD, "backup", b.toString());
        try (Repository repo = Repository.open(open(location), PASSWORD.toCharArray())) {
            assertThat(new Checker(repo.backend(), repo.masterKey()).check(true).problems()).isEmpty();
            Snapshot first = repo.listSnapshots().get(0);
            repo.backend().remove(io.cairn.repository.backend.Handle.of(io.cairn.repository.backend.FileType.SNAPSHOT,
                    first.id()));
            new Pruner(repo).maxUnusedPercent(0).prune();
            Backups.assertChecksClean(repo);
        }
        restic.run(PASSWORD, "check", "--read-data");
        assertThat(restic.run(PASSWORD, "snapshots", "--json")).contains(b.toString()).doesNotContain(a.toString());
    }
}
