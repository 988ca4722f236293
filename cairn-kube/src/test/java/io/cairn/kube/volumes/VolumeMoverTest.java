package io.cairn.kube.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kube.testing.TestRepository;
import io.cairn.repository.Id;
import io.cairn.repository.Repository;
import io.cairn.repository.backend.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class VolumeMoverTest {
    @RegisterExtension
    final TestRepository repo = new TestRepository();
    @TempDir
    Path tmp;

    @Test
    void aVolumeComesBackByteIdenticalThroughTheRepository() throws Exception {
        Path volume = VolumeTrees.sample(tmp.resolve("volume"), 1);
        MoverResult saved;
        try (Repository mover = openSecond()) {
            saved = new VolumeMover(mover).backup(volume, null);
        }
        assertThat(saved.failed()).isFalse();
        assertThat(saved.files()).isEqualTo(3);
        assertThat(saved.bytes()).isEqualTo(VolumeTrees.SAMPLE_BYTES);
        assertThat(saved.newBytes()).isGreaterThan(0);

        Path target = tmp.resolve("restored");
        MoverResult restored;
        try (Repository mover = openSecond()) {
            restored = new VolumeMover(mover).restore(Id.parse(saved.tree()), target);
        }
        assertThat(restored.files()).isEqualTo(3);
        VolumeTrees.assertSameTree(volume, target);
    }

    @Test
    void aSecondRunWithTheParentTreeReadsNothingAndAddsNoData() throws Exception {
        Path volume = VolumeTrees.sample(tmp.resolve("volume"), 2);
        MoverResult first;
        MoverResult second;
        try (Repository mover = openSecond()) {
            first = new VolumeMover(mover).backup(volume, null);
        }
        try (Repository mover = openSecond()) {
            second = new VolumeMover(mover).backup(volume, Id.parse(first.tree()));
        }
        assertThat(second.tree()).isEqualTo(first.tree());
        assertThat(second.bytes()).isZero();
        assertThat(second.newBytes()).isZero();
        assertThat(second.files()).isEqualTo(3);
    }

    @Test
    void twoMoversWritingAtOnceLeaveBothSubtreesReadable() throws Exception {
        Path a = VolumeTrees.sample(tmp.resolve("a"), 3);
        Path b = VolumeTrees.sample(tmp.resolve("b"), 4);
        try (Repository ma = openSecond(); Repository mb = openSecond()) {
            var fa = java.util.concurrent.CompletableFuture.supplyAsync(() -> run(ma, a));
            var fb = java.util.concurrent.CompletableFuture.supplyAsync(() -> run(mb, b));
            for (var pair : List.of(List.of(fa.join(), a), List.of(fb.join(), b))) {
                Path target = tmp.resolve("r-" + ((Path) pair.get(1)).getFileName());
                try (Repository reader = openSecond()) {
                    new VolumeMover(reader).restore(Id.parse(((MoverResult) pair.get(0)).tree()), target);
                }
                VolumeTrees.assertSameTree((Path) pair.get(1), target);
            }
        }
    }

    @Test
    void theResultSurvivesItsJsonForm() throws Exception {
        MoverResult r = new MoverResult("ab", 1, 2, 3, 4, List.of("w"), null);
        assertThat(MoverResult.parse(r.toJson())).isEqualTo(r);
        assertThat(MoverResult.parse(MoverResult.failure("disk full", 5).toJson()).error()).isEqualTo("disk full");
    }

    @Test
    void invocationArgumentsRoundTrip() {
        MoverInvocation b = MoverInvocation.backup("/data", "abc");
        assertThat(b.args()).containsExactly("mover", "backup", "--source", "/data", "--parent-tree", "abc",
                "--result", "/dev/termination-log");
        assertThat(MoverInvocation.parse(b.args())).isEqualTo(b);
        MoverInvocation r = MoverInvocation.restore("def", "/data");
        assertThat(MoverInvocation.parse(r.args())).isEqualTo(r);
    }

    private static MoverResult run(Repository r, Path dir) {
        try {
            return new VolumeMover(r).backup(dir, null);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /** Another process's view of the same repository: its own blob store, packs and index files. */
    private Repository openSecond() throws Exception {
        return Repository.open(new LocalBackend(repo.dir()), TestRepository.PASSWORD.toCharArray());
    }
}
