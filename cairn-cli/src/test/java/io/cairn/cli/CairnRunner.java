package io.cairn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the cairn command in-process against one repository, capturing its output. */
final class CairnRunner {
    record Result(int exitCode, String stdout, String stderr) {
    }

    private final String repo;
    private final Path passwordFile;
    private final java.util.Map<String, String> env;

    CairnRunner(Path repo, Path passwordFile) {
        this(repo.toString(), passwordFile, System.getenv());
    }

    /** Runs against any location (e.g. s3:…) with the given environment in place of the process's. */
    CairnRunner(String repo, Path passwordFile, java.util.Map<String, String> env) {
        this.repo = repo;
        this.passwordFile = passwordFile;
        this.env = env;
    }

    Result run(String... args) {
        List<String> argv = new ArrayList<>(List.of("--repo", repo, "--password-file", passwordFile.toString()));
        argv.addAll(List.of(args));
        return runRaw(env, argv.toArray(String[]::new));
    }

    static Result runRaw(String... args) {
        return runRaw(System.getenv(), args);
    }

    static Result runRaw(java.util.Map<String, String> env, String... args) {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        ((CairnCommand) cmd.getCommand()).setRawOut(raw);
        ((CairnCommand) cmd.getCommand()).setEnv(env);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out + raw.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString());
    }
}
