package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.testing.ResticCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup killed with SIGKILL mid-way leaves a repository restic accepts, and the next backup succeeds. */
class KillDuringBackupIT {
    private static final String PASSWORD = "kill-test-password";

    @TempDir
    Path tmp;

    @Test
    void sigkillMidBackupLeavesConsistentRepository() throws Exception {
        Path repo = tmp.resolve("repo");
        Path passwordFile = Files.writeString(tmp.resolve("pw"), PASSWORD);
        Path data = Files.createDirectories(tmp.resolve("data"));
        Random rnd = new Random(3);
        for (int i = 0; i < 12; i++) {
            Files.write(data.resolve("file-" + i + ".bin"), TreeFixture.random(rnd, 16 * 1024 * 1024));
        }
        CairnRunner cairn = new CairnRunner(repo, passwordFile);
        assertThat(cairn.run("repo", "init").exitCode()).isZero();

        Process backup = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--repo", repo.toString(), "--password-file", passwordFile.toString(),
                "repo", "backup", data.toString()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("backup.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (packCount(repo) < 2 && backup.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(backup.isAlive()).as("backup still running when killed; log: %s",
                Files.readString(tmp.resolve("backup.log"))).isTrue();
        backup.destroyForcibly().waitFor();   // SIGKILL on Linux

        // The killed process leaves its lock, as restic would; it is stale (dead PID on this host).
        CairnRunner.Result unlock = cairn.run("repo", "unlock");
        assertThat(unlock.stdout()).contains("removed 1 stale lock");
        ResticCli restic = new ResticCli(repo);
        restic.run(PASSWORD, "check", "--read-data");
        assertThat(restic.run(PASSWORD, "snapshots", "--json").strip()).isEqualTo("[]");

        assertThat(cairn.run("repo", "backup", data.toString()).exitCode()).isZero();
        restic.run(PASSWORD, "check", "--read-data");
        Path target = tmp.resolve("restore");
        restic.run(PASSWORD, "restore", "latest", "--target", target.toString());
        for (int i = 0; i < 12; i++) {
            Path rel = Path.of(data.toString().substring(1), "file-" + i + ".bin");
            assertThat(Files.mismatch(target.resolve(rel), data.resolve("file-" + i + ".bin"))).isEqualTo(-1L);
        }
    }

    private static long packCount(Path repo) throws IOException {
        if (!Files.isDirectory(repo.resolve("data"))) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(repo.resolve("data"))) {
            return s.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")).count();
        } catch (UncheckedIOException e) {
            return 0; // the running backup renamed or removed a temporary file mid-walk: the caller looks again
        }
    }
}
