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

    private final Path repo;
    private final Path passwordFile;

    CairnRunner(Path repo, Path passwordFile) {
        this.repo = repo;
        this.passwordFile = passwordFile;
    }

    Result run(String... args) {
        List<String> argv = new ArrayList<>(List.of("--repo", repo.toString(), "--password-file", passwordFile.toString()));
        argv.addAll(List.of(args));
        return runRaw(argv.toArray(String[]::new));
    }

    static Result runRaw(String... args) {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        ((CairnCommand) cmd.getCommand()).setRawOut(raw);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out + raw.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString());
    }
}
