package io.cairn.repository.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real restic binary against a repository; fails the test loudly when restic is missing or fails. */
public final class ResticCli {
    public static final Path RESTIC = Path.of("/usr/bin/restic");

    private final String repo;
    private final java.util.Map<String, String> env;
    private final Path workDir;

    public ResticCli(Path repo) {
        this(repo.toString(), java.util.Map.of());
    }

    /** restic on any location (e.g. {@code s3:http://127.0.0.1:PORT/bucket}) with extra environment variables. */
    public ResticCli(String repo, java.util.Map<String, String> env) {
        this(repo, env, null);
    }

    private ResticCli(String repo, java.util.Map<String, String> env, Path workDir) {
        if (!Files.isExecutable(RESTIC)) {
            fail("restic is required for this test but " + RESTIC + " is missing: apt-get install -y restic");
        }
        this.repo = repo;
        this.env = env;
        this.workDir = workDir;
    }

    /** The same restic, run from {@code dir} (relative backup paths are resolved there). */
    public ResticCli inDirectory(Path dir) {
        return new ResticCli(repo, env, dir);
    }

    /** Runs {@code restic -r repo --no-cache args…} with the password in RESTIC_PASSWORD; returns stdout. */
    public String run(String password, String... args) throws IOException, InterruptedException {
        Result r = tryRun(password, args);
        if (r.exitCode() != 0) {
            fail("restic " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.stderr() + r.stdout());
        }
        return r.stdout();
    }

    /** Like {@link #run} but returns stdout as bytes (e.g. {@code cat blob}). */
    public byte[] runBytes(String password, String... args) throws IOException, InterruptedException {
        Raw r = execute(password, args);
        if (r.exitCode() != 0) {
            fail("restic " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.stderr()
                    + new String(r.stdout(), StandardCharsets.UTF_8));
        }
        return r.stdout();
    }

    public Result tryRun(String password, String... args) throws IOException, InterruptedException {
        Raw r = execute(password, args);
        return new Result(r.exitCode(), new String(r.stdout(), StandardCharsets.UTF_8), r.stderr());
    }

    private record Raw(int exitCode, byte[] stdout, String stderr) {
    }

    private Raw execute(String password, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(RESTIC.toString(), "-r", repo, "--no-cache"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        pb.environment().remove("RESTIC_PASSWORD_FILE");
        pb.environment().remove("RESTIC_REPOSITORY");
        pb.environment().put("RESTIC_PASSWORD", password);
        pb.environment().putAll(env);
        Path err = Files.createTempFile("restic-err", ".txt");
        try {
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("restic " + String.join(" ", args) + " timed out");
            }
            return new Raw(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }
}
