package io.cairn.repository.prune;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.Repository;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.check.CheckResult;
import io.cairn.repository.check.Checker;
import io.cairn.repository.key.ScryptParams;
import io.cairn.repository.pack.PackBlobStore;
import io.cairn.repository.snapshot.Snapshot;
import io.cairn.repository.testing.Backups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrunerTest {
    static final char[] PASSWORD = "pw".toCharArray();
    @TempDir
    Path tmp;

    @Test
    void pruneDeletesUnusedPacksRepacksPartlyUsedOnesAndKeepsWhatSnapshotsNeed() throws Exception {
        Path a = Backups.files(tmp.resolve("a"), 1, 6, 40_000);
        Path b = Backups.files(tmp.resolve("b"), 2, 6, 40_000);
        try (Repository repo = Repository.init(new LocalBackend(tmp.resolve("repo")), PASSWORD, 2,
                new ScryptParams(16, 1, 1))) {
            OffsetDateTime t = OffsetDateTime.now();
            Snapshot s1 = Backups.backup(repo, a, t, "h", null);
            // b shares nothing with a; then a changes: half its files go.
            Snapshot s2 = Backups.backup(repo, b, t.plusMinutes(1), "h", null);
            for (int i = 0; i < 3; i++) {
                Files.delete(a.resolve("f1-" + i));
            }
            Snapshot s3 = Backups.backup(repo, a, t.plusMinutes(2), "h", null);
            int packsBefore = repo.backend().list(FileType.PACK).size();
            int indexBefore = repo.backend().list(FileType.INDEX).size();
            assertThat(indexBefore).isEqualTo(3);

            repo.backend().remove(io.cairn.repository.backend.Handle.of(FileType.SNAPSHOT, s1.id()));
            Path staged = Files.write(tmp.resolve("repo/data/.tmp-pack-5a"), new byte[64]); // a killed backup's
            PrunePlan plan = new Pruner(repo).maxUnusedPercent(0).plan();
            assertThat(plan.usedBlobs()).isPositive();
            assertThat(plan.unusedBytes()).isGreaterThan(3 * 40_000L - 1000);

            List<String> warnings = new ArrayList<>();
            PrunePlan done = new Pruner(repo).maxUnusedPercent(0).listener(new PruneListener() {
                @Override
                public void warning(String message) {
                    warnings.add(message);
                }
            }).prune();
            assertThat(staged).doesNotExist();
            assertThat(warnings).containsExactly("removed 1 half-written file(s) that an interrupted backup left");
            assertThat(done.removePacks().size() + done.repackPacks().size()).isPositive();
            assertThat(repo.backend().list(FileType.INDEX)).hasSize(1);
            assertThat(repo.backend().list(FileType.PACK).size()).isLessThan(packsBefore + done.repackPacks().size());
            Backups.assertChecksClean(repo);
            Backups.assertRestoresTo(repo, s2, b, tmp.resolve("r2"));
            Backups.assertRestoresTo(repo, s3, a, tmp.resolve("r3"));

            PrunePlan again = new Pruner(repo).maxUnusedPercent(0).plan();
            assertThat(again.isNoop()).isTrue();
            assertThat(again.unusedBytes()).isZero();
        }
    }
}
