package io.cairn.kube.rules;

/**
 * How one command in a pod ended.
 *
 * @param outcome  how it ended
 * @param exitCode the command's exit code when it ran to the end (from the exec status channel), else null
 * @param stdout   its standard output, capped (see {@link CappedOutput})
 * @param stderr   its standard error, capped
 * @param message  the cause when it did not exit normally (timeout, API error), else null
 */
public record ExecResult(Outcome outcome, Integer exitCode, String stdout, String stderr, String message) {
    public enum Outcome {
        /** The command ran and exited with {@link #exitCode}. */
        EXITED,
        /** A background session reported ready and is still running. */
        RUNNING,
        /** It did not finish (or get ready) within its timeout; the stream was closed. */
        TIMED_OUT,
        /** The pod does not exist (deleted, e.g. while frozen). */
        POD_NOT_FOUND,
        /** The pod has no such container. */
        CONTAINER_NOT_FOUND,
        /** The command does not exist in the container or is not executable (exit code 126/127). */
        COMMAND_NOT_FOUND,
        /** The exec API failed (refused, connection lost, no exit status). */
        EXEC_FAILED
    }

    public ExecResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    /** An exit status: 0 is EXITED, 126/127 COMMAND_NOT_FOUND (what shells and runc report). */
    public static ExecResult exited(int code, String stdout, String stderr) {
        if (code == 126 || code == 127) {
            return new ExecResult(Outcome.COMMAND_NOT_FOUND, code, stdout, stderr,
                    code == 127 ? "command not found (exit code 127)" : "command not executable (exit code 126)");
        }
        return new ExecResult(Outcome.EXITED, code, stdout, stderr, null);
    }

    public static ExecResult failed(Outcome outcome, String message, String stdout, String stderr) {
        return new ExecResult(outcome, null, stdout, stderr, message);
    }

    /** Exited with 0 (or, for a background session, ready and running). */
    public boolean succeeded() {
        return outcome == Outcome.RUNNING || outcome == Outcome.EXITED && exitCode != null && exitCode == 0;
    }

    /** "exit code 3", "timed out after 200ms", the API error… */
    public String describe() {
        if (outcome == Outcome.EXITED) {
            return "exit code " + exitCode;
        }
        return outcome == Outcome.RUNNING ? "ready" : message != null ? message : outcome.name().toLowerCase().replace('_', ' ');
    }
}
