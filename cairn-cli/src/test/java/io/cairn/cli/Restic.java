package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real restic binary against a repository: the independent oracle for the format. */
final class Restic {
    record Result(int exitCode, String stdout, String stderr) {
    }

    private final Path repo;
    private final String password;

    Restic(Path repo, String password) {
        this.repo = repo;
        this.password = password;
        assertThat(Path.of("/usr/bin/restic")).as("restic must be installed (apt-get install restic); .ci/run does it")
                .isExecutable();
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("restic", "--no-cache", "-r", repo.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("RESTIC_PASSWORD", password);
        Path out = Files.createTempFile("restic-out", ".txt");
        Path err = Files.createTempFile("restic-err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("restic " + String.join(" ", args) + " timed out");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs restic and fails the test, showing its output, unless it exits 0. */
    String ok(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        assertThat(r.exitCode()).as("restic %s failed:%n%s%n%s", String.join(" ", args), r.stdout(), r.stderr()).isZero();
        return r.stdout();
    }
}
