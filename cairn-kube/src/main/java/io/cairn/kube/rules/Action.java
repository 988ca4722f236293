package io.cairn.kube.rules;

import java.time.Duration;
import java.util.List;

/**
 * One command a rule runs in a pod, before ({@code pre}) or after ({@code post}) the snapshot step.
 * The command is an argv run through the Kubernetes exec API: no shell is involved unless the argv calls one
 * (e.g. {@code ["/bin/sh", "-c", "..."]}).
 *
 * @param command     argv, at least one element
 * @param container   container to run in; null means the rule's container (or the pod's first container)
 * @param timeout     how long the command (for a background action: until it reports ready) may take
 * @param onError     what a failure (non-zero exit, timeout, exec error) means for the backup
 * @param runIn       in every selected pod, or only in the first one (sorted by namespace and name)
 * @param background  true for a session that must stay open through the snapshot (e.g. a MySQL connection
 *                    holding FLUSH TABLES WITH READ LOCK): it is started, the engine waits for
 *                    {@code readyMarker} on its output, and it is ended (stdin closed, then the stream) after
 *                    the snapshot step
 * @param readyMarker for a background action: a line on stdout that contains this text means "ready"; null means
 *                    ready as soon as it started
 * @param stdin       text written to the command's stdin when it starts (null: no stdin); a background action's
 *                    stdin stays open until the session is ended, so a client that reads statements from stdin
 *                    exits, and releases its locks, when Cairn ends the session or dies
 */
public record Action(List<String> command, String container, Duration timeout, OnError onError, RunIn runIn,
                     boolean background, String readyMarker, String stdin) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** What a failed action means. Velero's values, same spelling. */
    public enum OnError {
        /** Fail the backup: no snapshot is taken, every pod is released. */
        FAIL,
        /** Record the failure and go on. */
        CONTINUE
    }

    /** Where an action runs among the pods a rule selects. */
    public enum RunIn {
        ALL,
        ONE
    }

    public Action {
        if (command == null || command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("an action needs a command (argv with at least one element)");
        }
        command = List.copyOf(command);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        onError = onError == null ? OnError.FAIL : onError;
        runIn = runIn == null ? RunIn.ALL : runIn;
        if (!background && readyMarker != null) {
            throw new IllegalArgumentException("readyMarker is only meaningful for a background action");
        }
    }

    /** A foreground action in all pods with the default timeout that fails the backup on error. */
    public static Action of(String... argv) {
        return new Action(List.of(argv), null, null, null, null, false, null, null);
    }

    public Action withTimeout(Duration value) {
        return new Action(command, container, value, onError, runIn, background, readyMarker, stdin);
    }

    public Action withOnError(OnError value) {
        return new Action(command, container, timeout, value, runIn, background, readyMarker, stdin);
    }

    public Action withRunIn(RunIn value) {
        return new Action(command, container, timeout, onError, value, background, readyMarker, stdin);
    }

    public Action withContainer(String value) {
        return new Action(command, value, timeout, onError, runIn, background, readyMarker, stdin);
    }

    /** This action as a background session that is ready when {@code marker} appears on its output. */
    public Action inBackground(String marker, String input) {
        return new Action(command, container, timeout, onError, runIn, true, marker, input);
    }
}
