package io.cairn.kube.rules;

import io.cairn.kube.rules.QuiesceRecord.RecordedAction;
import io.cairn.kube.rules.QuiesceRecord.RecordedPod;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Quiesces the pods of a {@link QuiescePlan} together around one {@link FreezeStep}, and always releases them:
 * <ol>
 * <li>Record: the pods and their post actions are written to the {@link QuiesceRecordStore} before the first pre
 *     action; if that fails nothing is frozen.</li>
 * <li>Barrier: pre actions run in parallel across pods (in order within a pod); the step runs only when every
 *     pod's pre actions succeeded (or failed with {@code onError: Continue}). A {@code Fail} stops the other
 *     pods' remaining pre actions and the step is not run.</li>
 * <li>Always release: post actions run on every pod whose pre actions started — after the step, after a failed
 *     step, after a pre failure or timeout elsewhere — and background sessions are always ended. Each released
 *     pod leaves the record; the record is deleted when empty. A pod whose release failed stays recorded, for
 *     {@link #release(String)} ({@code cairn backup release NAME}).</li>
 * </ol>
 * The engine never throws for pod problems: everything is in the {@link RulesReport}.
 */
public final class QuiesceEngine {
    private final PodCommandExecutor executor;
    private final QuiesceRecordStore records;
    private final Clock clock;
    /** Guards each quiesce window against a JVM shutdown (see {@link ReleaseOnExit}). */
    private final java.util.function.Function<Thread, ReleaseOnExit> exitGuards;

    public QuiesceEngine(PodCommandExecutor executor, QuiesceRecordStore records, Clock clock) {
        this(executor, records, clock, engine -> ReleaseOnExit.guard(RELEASE_GRACE));
    }

    QuiesceEngine(PodCommandExecutor executor, QuiesceRecordStore records, Clock clock,
                  java.util.function.Function<Thread, ReleaseOnExit> exitGuards) {
        this.executor = executor;
        this.records = records;
        this.clock = clock;
        this.exitGuards = exitGuards;
    }

    /** How long a shutdown waits for the post actions of quiesced pods. */
    static final java.time.Duration RELEASE_GRACE = java.time.Duration.ofMinutes(2);

    public RulesReport run(String backup, QuiescePlan plan, FreezeStep step) throws InterruptedException {
        List<String> warnings = new ArrayList<>(plan.warnings());
        List<String> errors = new ArrayList<>(plan.errors());
        List<PodRun> runs = plan.targets().stream().map(t -> new PodRun(t, executor, clock)).toList();
        if (!errors.isEmpty()) {
            errors.add("nothing was quiesced and no snapshot was taken");
            return report(false, null, null, true, runs, warnings, errors);
        }
        QuiesceRecord record = new QuiesceRecord(backup, OffsetDateTime.now(clock), holder(),
                runs.stream().map(QuiesceEngine::recorded).toList());
        if (!runs.isEmpty()) {
            try {
                records.write(record);
            } catch (IOException e) {
                errors.add("cannot record the pods to quiesce, so nothing was quiesced: " + e.getMessage());
                return report(false, null, null, true, runs, warnings, errors);
            }
        }
        Releaser releaser = new Releaser(record);
        boolean taken = false;
        OffsetDateTime snapshotStart = null;
        OffsetDateTime snapshotEnd = null;
        try (ReleaseOnExit exitGuard = exitGuards.apply(Thread.currentThread());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                AtomicBoolean abort = new AtomicBoolean();
                boolean quiesced = all(pool, runs, run -> run.quiesce(abort), errors, "pre actions");
                runs.stream().filter(PodRun::failed).forEach(r -> errors.add(r.describe(lastAction(r))));
                if (quiesced && !abort.get()) {
                    snapshotStart = OffsetDateTime.now(clock);
                    try {
                        step.run();
                        taken = true;
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        errors.add("snapshot step failed: " + e.getMessage());
                    } finally {
                        snapshotEnd = OffsetDateTime.now(clock);
                    }
                } else {
                    errors.add("a pre action failed, so no snapshot was taken; every quiesced pod was released");
                }
            } finally {
                List<PodRun> started = runs.stream().filter(PodRun::started).toList();
                all(pool, started, run -> releaser.release(run), errors, "post actions");
                if (!runs.isEmpty()) {
                    releaser.finish(runs, errors, true);
                }
                exitGuard.released();
            }
        }
        runs.forEach(r -> warnings.addAll(r.warnings()));
        boolean allReleased = allReleased(runs);
        if (!allReleased) {
            errors.add("some pods may still be quiesced; they stay recorded: run `cairn backup release " + backup + "`");
        }
        return report(taken, snapshotStart, snapshotEnd, allReleased, runs, warnings, errors);
    }

    /**
     * Crash recovery: runs the recorded post actions on every pod still in the record of {@code backup}, removes
     * each released pod, deletes the record when empty. With no record there is nothing to do.
     */
    public RulesReport release(String backup) throws IOException, InterruptedException {
        QuiesceRecord record = records.read(backup).orElse(null);
        if (record == null) {
            return report(false, null, null, true, List.of(), List.of("no pods of backup " + backup
                    + " are recorded as quiesced; nothing to release"), List.of());
        }
        List<PodRun> runs = record.pods().stream().map(p -> new PodRun(new PodTarget(p.rule(), p.ref(), p.container(),
                List.of(), p.post().stream().map(RecordedAction::toAction).toList()), executor, clock).assumeQuiesced()).toList();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Releaser releaser = new Releaser(record);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            all(pool, runs, releaser::release, errors, "post actions");
        }
        releaser.finish(runs, errors, false);
        runs.forEach(r -> warnings.addAll(r.warnings()));
        return report(false, null, null, allReleased(runs), runs, warnings, errors);
    }

    /** Keeps the durable record in step with releases; one pod at a time. */
    private final class Releaser {
        private QuiesceRecord record;
        private final List<String> problems = new ArrayList<>();

        Releaser(QuiesceRecord record) {
            this.record = record;
        }

        boolean release(PodRun run) throws InterruptedException {
            boolean ok = run.release();
            if (!ok) {
                synchronized (this) {
                    problems.add("rule " + run.target.rule() + ", pod " + run.target.pod() + ": release failed");
                }
                return false;
            }
            synchronized (this) {
                List<RecordedPod> left = new ArrayList<>(record.pods());
                left.removeIf(p -> p.ref().equals(run.target.pod()) && Objects.equals(p.rule(), run.target.rule()));
                record = record.withPods(left);
                if (!left.isEmpty()) {
                    try {
                        records.write(record);
                    } catch (IOException e) {
                        problems.add("cannot update the quiesce record: " + e.getMessage());
                    }
                }
            }
            return true;
        }

        /** Drops pods that never started (when asked) from the record; deletes it when nothing is left. */
        synchronized void finish(List<PodRun> runs, List<String> errors, boolean dropUnstarted) {
            errors.addAll(problems);
            List<RecordedPod> left = new ArrayList<>(record.pods());
            for (PodRun r : runs) {
                if (dropUnstarted && !r.started()) {
                    left.removeIf(p -> p.ref().equals(r.target.pod()) && Objects.equals(p.rule(), r.target.rule()));
                }
            }
            try {
                if (left.isEmpty()) {
                    records.delete(record.backup());
                } else if (left.size() != record.pods().size()) {
                    records.write(record.withPods(left));
                }
            } catch (IOException e) {
                errors.add("cannot update the quiesce record: " + e.getMessage());
            }
        }
    }

    @FunctionalInterface
    private interface PodStep {
        boolean run(PodRun run) throws InterruptedException;
    }

    /** Runs {@code step} for every pod in parallel and waits for all; false when any returned false or broke. */
    private static boolean all(ExecutorService pool, List<PodRun> runs, PodStep step, List<String> errors, String what)
            throws InterruptedException {
        List<Future<Boolean>> futures = new ArrayList<>();
        for (PodRun run : runs) {
            Callable<Boolean> c = () -> step.run(run);
            futures.add(pool.submit(c));
        }
        boolean ok = true;
        for (int i = 0; i < futures.size(); i++) {
            try {
                ok &= futures.get(i).get();
            } catch (ExecutionException e) {
                ok = false;
                errors.add(what + " on pod " + runs.get(i).target.pod() + " broke: " + e.getCause());
            }
        }
        return ok;
    }

    private static boolean allReleased(List<PodRun> runs) {
        return runs.stream().map(PodRun::report).noneMatch(p -> PodReport.RELEASE_FAILED.equals(p.status()));
    }

    private static ActionReport lastAction(PodRun r) {
        List<ActionReport> a = r.report().actions();
        return a.stream().filter(x -> x.error() != null).reduce((x, y) -> y).orElse(a.get(a.size() - 1));
    }

    private static RecordedPod recorded(PodRun r) {
        PodTarget t = r.target;
        return new RecordedPod(t.rule(), t.pod().namespace(), t.pod().name(), t.container(),
                t.post().stream().map(a -> RecordedAction.of(a.withContainer(t.containerOf(a)))).toList());
    }

    private RulesReport report(boolean taken, OffsetDateTime snapshotStart, OffsetDateTime snapshotEnd,
                               boolean allReleased, List<PodRun> runs, List<String> warnings, List<String> errors) {
        List<PodReport> pods = runs.stream().map(PodRun::report).toList();
        List<ActionReport> all = pods.stream().flatMap(p -> p.actions().stream()).filter(a -> a.start() != null).toList();
        OffsetDateTime freezeStart = all.stream().map(ActionReport::start).min(Comparator.naturalOrder()).orElse(null);
        OffsetDateTime freezeEnd = all.stream().map(ActionReport::end).max(Comparator.naturalOrder()).orElse(null);
        long window = freezeStart == null ? 0 : Duration.between(freezeStart, freezeEnd).toMillis();
        long snapshot = snapshotStart == null ? 0 : Duration.between(snapshotStart, snapshotEnd).toMillis();
        return new RulesReport(taken, freezeStart, freezeEnd, window, snapshotStart, snapshotEnd, snapshot, allReleased,
                pods, warnings, errors);
    }

    private static String holder() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }
}
