package io.cairn.kube.rules;

import io.cairn.kube.rules.ExecResult.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One target's life in a run: its pre actions (stopping at a Fail, or when another pod failed), then its release:
 * every post action, whatever happened, then every background session ended. Not thread-safe: one thread runs
 * {@link #quiesce}, and later one thread runs {@link #release}.
 */
final class PodRun {
    /** How long an ended background session may take to exit after its stdin is closed. */
    static final Duration SESSION_GRACE = Duration.ofSeconds(10);

    final PodTarget target;
    private final PodCommandExecutor executor;
    private final Clock clock;
    private final List<ActionReport> actions = new ArrayList<>();
    private final Deque<PodCommandExecutor.Session> sessions = new ArrayDeque<>();
    private final List<String> warnings = new ArrayList<>();
    private volatile boolean started;
    private boolean failed;
    private boolean releaseFailed;
    private boolean deleted;

    PodRun(PodTarget target, PodCommandExecutor executor, Clock clock) {
        this.target = target;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Runs the pre actions in order. Returns false when a {@code Fail} action failed (and sets {@code abort});
     * stops early, without failing, when {@code abort} is set by another pod.
     */
    boolean quiesce(AtomicBoolean abort) throws InterruptedException {
        if (target.pre().isEmpty() && !abort.get()) {
            started = true;
        }
        for (Action a : target.pre()) {
            if (abort.get()) {
                actions.add(skipped(a));
                continue;
            }
            started = true;
            ActionReport r = a.background() ? startSession(a) : exec("pre", a);
            actions.add(r);
            if (!r.succeeded()) {
                if (a.onError() == Action.OnError.FAIL) {
                    failed = true;
                    abort.set(true);
                    return false;
                }
                warnings.add(describe(r) + " (onError: Continue)");
            }
        }
        return true;
    }

    /** For crash recovery: a recorded pod may have been quiesced by another process. */
    PodRun assumeQuiesced() {
        started = true;
        return this;
    }

    /** True once a pre action was started: such a pod is always released. */
    boolean started() {
        return started;
    }

    boolean failed() {
        return failed;
    }

    /** Runs every post action and ends every session, whatever fails. Returns false when the pod may still be quiesced. */
    boolean release() throws InterruptedException {
        for (Action a : target.post()) {
            ActionReport r = exec("post", a);
            actions.add(r);
            if (ExecResult.Outcome.POD_NOT_FOUND.name().equals(r.outcome())) {
                deleted = true;
                warnings.add("pod " + target.pod() + " was deleted while quiesced; nothing left to release");
                break;
            }
            if (!r.succeeded()) {
                if (a.onError() == Action.OnError.FAIL) {
                    releaseFailed = true;
                } else {
                    warnings.add(describe(r) + " (onError: Continue)");
                }
            }
        }
        while (!sessions.isEmpty()) {
            PodCommandExecutor.Session s = sessions.pop();
            OffsetDateTime start = OffsetDateTime.now(clock);
            ExecResult r = call(() -> s.end(SESSION_GRACE));
            actions.add(report("end", List.of(), null, true, r, start));
        }
        return !releaseFailed;
    }

    List<String> warnings() {
        return warnings;
    }

    PodReport report() {
        String status = !started ? PodReport.NOT_QUIESCED : deleted ? PodReport.DELETED
                : releaseFailed ? PodReport.RELEASE_FAILED : PodReport.RELEASED;
        return new PodReport(target.rule(), target.pod().namespace(), target.pod().name(), target.container(), status,
                actions);
    }

    /** "rule cassandra, pod data/cassandra-0, pre [nodetool, flush]: exit code 1" */
    String describe(ActionReport r) {
        return "rule " + target.rule() + ", pod " + target.pod() + ", " + r.phase() + " " + r.command() + ": " + r.error();
    }

    private ActionReport exec(String phase, Action a) throws InterruptedException {
        OffsetDateTime start = OffsetDateTime.now(clock);
        ExecResult r = call(() -> executor.exec(target.pod(), target.containerOf(a), a.command(), a.stdin(), a.timeout()));
        return report(phase, a.command(), target.containerOf(a), false, r, start);
    }

    private ActionReport startSession(Action a) throws InterruptedException {
        OffsetDateTime start = OffsetDateTime.now(clock);
        ExecResult r = call(() -> {
            PodCommandExecutor.Session s = executor.start(target.pod(), target.containerOf(a), a.command(), a.stdin());
            sessions.push(s);
            return s.awaitReady(a.readyMarker(), a.timeout());
        });
        return report("pre", a.command(), target.containerOf(a), true, r, start);
    }

    private ActionReport report(String phase, List<String> command, String container, boolean background, ExecResult r,
                                OffsetDateTime start) {
        OffsetDateTime end = OffsetDateTime.now(clock);
        String error = r.succeeded() ? null : r.describe();
        return new ActionReport(phase, command, container, background, r.outcome().name(), r.exitCode(), r.stdout(),
                r.stderr(), start, end, Duration.between(start, end).toMillis(), error);
    }

    private ActionReport skipped(Action a) {
        return new ActionReport("pre", a.command(), target.containerOf(a), a.background(), ActionReport.SKIPPED, null,
                null, null, null, null, 0, null);
    }

    /** Runs one executor call; a bug in an executor (a RuntimeException) becomes an exec failure, not a lost pod. */
    private static ExecResult call(ExecCall c) throws InterruptedException {
        try {
            return c.call();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return ExecResult.failed(Outcome.EXEC_FAILED, "exec failed: " + e, null, null);
        }
    }

    @FunctionalInterface
    private interface ExecCall {
        ExecResult call() throws Exception;
    }
}
