package io.cairn.cli.mover;

import io.cairn.cli.ExitCode;
import io.cairn.kube.volumes.MoverResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a mover and reports its result the same way whether it worked or not: one JSON line on stdout and in the
 * result file (the coordinator reads it from the pod's termination message), exit code 0 or 1. A failure never
 * escapes as a stack trace: the message is what the coordinator shows for the volume.
 */
final class MoverRun {
    interface Work {
        MoverResult run() throws Exception;
    }

    private MoverRun() {
    }

    static int run(CommandSpec spec, Path resultFile, Work work) {
        long start = System.nanoTime();
        MoverResult result;
        try {
            result = work.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = MoverResult.failure("interrupted", elapsed(start));
        } catch (Exception e) {
            result = MoverResult.failure(describe(e), elapsed(start));
        }
        String json = result.toJson();
        PrintWriter out = spec.commandLine().getOut();
        out.println(json);
        out.flush();
        if (resultFile != null) {
            try {
                Files.writeString(resultFile, json, StandardCharsets.UTF_8);
            } catch (IOException e) {
                spec.commandLine().getErr().println("cannot write the result to " + resultFile + ": " + e.getMessage());
                return ExitCode.FAILED;
            }
        }
        return result.failed() ? ExitCode.FAILED : ExitCode.OK;
    }

    private static String describe(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null && !m.contains(fs.getReason())
                ? m + ": " + fs.getReason() : m;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
