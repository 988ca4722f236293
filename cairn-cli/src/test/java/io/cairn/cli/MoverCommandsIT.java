package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kube.volumes.MoverResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn mover backup|restore} on real directories, as a mover pod runs them. */
class MoverCommandsIT {
    @TempDir
    Path tmp;
    CairnRunner cairn;

    @BeforeEach
    void setUp() throws Exception {
        cairn = new CairnRunner(tmp.resolve("repo"), Files.writeString(tmp.resolve("password"), "pw\n"));
        assertThat(cairn.run("repo", "init").exitCode()).isZero();
    }

    @Test
    void backupReportsTheTreeInTheResultFileAndRestoreBringsTheFilesBack() throws Exception {
        Path volume = Files.createDirectories(tmp.resolve("volume/sub"));
        Files.writeString(volume.resolve("a.txt"), "hello volume");
        Files.write(volume.getParent().resolve("b.bin"), new byte[70_000]);
        Path resultFile = tmp.resolve("termination-log");

        CairnRunner.Result backup = cairn.run("mover", "backup", "--source", tmp.resolve("volume").toString(),
                "--result", resultFile.toString());

        assertThat(backup.exitCode()).as(backup.stderr()).isZero();
        MoverResult result = MoverResult.parse(Files.readString(resultFile));
        assertThat(MoverResult.parse(backup.stdout().strip())).isEqualTo(result);
        assertThat(result.files()).isEqualTo(2);
        assertThat(result.bytes()).isEqualTo(70_012);

        CairnRunner.Result again = cairn.run("mover", "backup", "--source", tmp.resolve("volume").toString(),
                "--parent-tree", result.tree());
        assertThat(MoverResult.parse(again.stdout().strip()).bytes()).isZero();

        Path target = tmp.resolve("target");
        CairnRunner.Result restore = cairn.run("mover", "restore", "--tree", result.tree(), "--target", target.toString());
        assertThat(restore.exitCode()).as(restore.stderr()).isZero();
        assertThat(Files.readString(target.resolve("sub/a.txt"))).isEqualTo("hello volume");
        assertThat(Files.readAllBytes(target.resolve("b.bin"))).hasSize(70_000);
    }

    @Test
    void aFailureExitsOneWithTheMessageInTheResult() throws Exception {
        Path resultFile = tmp.resolve("termination-log");

        CairnRunner.Result r = cairn.run("mover", "backup", "--source", tmp.resolve("missing").toString(),
                "--result", resultFile.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(MoverResult.parse(Files.readString(resultFile)).error()).contains("is not a directory");
    }
}
