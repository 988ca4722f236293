package io.cairn.kube.rules;

import java.time.Duration;
import java.util.List;

/**
 * Runs commands in containers of pods (the Kubernetes exec API in production, a script in tests).
 * Failures of the command or of the exec call are never thrown: they come back as an {@link ExecResult} whose
 * {@link ExecResult.Outcome} names the cause. Implementations are safe to call from many threads at once.
 */
public interface PodCommandExecutor {
    /**
     * Runs {@code argv} to completion, or until {@code timeout} has passed (then the stream is closed and the
     * result is {@code TIMED_OUT}; the process in the container may go on running).
     *
     * @param container null for the pod's default container
     * @param stdin     written to the command's stdin, which is then closed; null for no stdin
     */
    ExecResult exec(PodRef pod, String container, List<String> argv, String stdin, Duration timeout)
            throws InterruptedException;

    /**
     * Starts {@code argv} as a background session: it keeps running (its stdin open, when {@code stdin} is not
     * null) until {@link Session#end} is called.
     */
    Session start(PodRef pod, String container, List<String> argv, String stdin);

    /** A command that keeps running, e.g. a database session holding a lock. */
    interface Session {
        /**
         * Waits until a line of its stdout contains {@code marker} (null: until it has started). Returns a
         * {@code RUNNING} result when ready; else how it ended ({@code EXITED} before the marker,
         * {@code TIMED_OUT}, an exec failure). It is not ended by a failed wait.
         */
        ExecResult awaitReady(String marker, Duration timeout) throws InterruptedException;

        /**
         * Ends the session: closes its stdin, waits up to {@code grace} for it to exit, then closes the stream.
         * Safe to call more than once and after it ended by itself; returns how it ended.
         */
        ExecResult end(Duration grace) throws InterruptedException;
    }
}
