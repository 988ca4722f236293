package io.cairn.kube.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kube.rules.Action.OnError;
import io.cairn.kube.rules.ExecResult.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The engine's semantics with a scripted executor: barrier, parallelism, always release, durable record. */
class QuiesceEngineTest {
    private static final Duration SHORT = Duration.ofMillis(200);

    final ScriptedExecutor exec = new ScriptedExecutor();
    final InMemoryRecordStore store = new InMemoryRecordStore(exec);
    final QuiesceEngine engine = new QuiesceEngine(exec, store, Clock.systemUTC());

    static PodTarget pod(String name, List<Action> pre, List<Action> post) {
        return new PodTarget("db", new PodRef("data", name), "db", pre, post);
    }

    static QuiescePlan threePods(Action pre, Action post) {
        return QuiescePlan.of(pod("db-0", List.of(pre), List.of(post)), pod("db-1", List.of(pre), List.of(post)),
                pod("db-2", List.of(pre), List.of(post)));
    }

    RulesReport run(QuiescePlan plan) throws InterruptedException {
        return engine.run("b1", plan, () -> exec.log("snapshot"));
    }

    @Test
    void everyPreActionSucceedsOnEveryPodBeforeTheSnapshotAndPodsRunInParallel() throws Exception {
        for (String p : List.of("db-0", "db-1", "db-2")) {
            exec.takes(p, "freeze", 150);
        }
        long start = System.nanoTime();

        RulesReport r = run(threePods(Action.of("freeze"), Action.of("thaw")));

        long snapshot = exec.at("snapshot");
        for (String p : List.of("db-0", "db-1", "db-2")) {
            assertThat(exec.at("end " + p + " freeze")).isPositive().isLessThan(snapshot);
            assertThat(exec.at("start " + p + " thaw")).isGreaterThan(snapshot);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("pre actions run in parallel").isLessThan(Duration.ofMillis(400));
        assertThat(r.snapshotTaken()).isTrue();
        assertThat(r.errors()).isEmpty();
        assertThat(r.allReleased()).isTrue();
        assertThat(r.freezeWindowMillis()).isGreaterThanOrEqualTo(150);
        assertThat(r.pods()).extracting(PodReport::status).containsOnly(PodReport.RELEASED);
        assertThat(r.pods().get(0).actions()).extracting(ActionReport::phase).containsExactly("pre", "post");
    }

    @Test
    void thePodsAreRecordedBeforeTheFirstFreezeAndTheRecordIsGoneAtTheEnd() throws Exception {
        List<String> duringSnapshot = new ArrayList<>();

        engine.run("b1", threePods(Action.of("freeze"), Action.of("thaw")),
                () -> duringSnapshot.addAll(store.records.get("b1").pods().stream().map(QuiesceRecord.RecordedPod::pod).toList()));

        assertThat(exec.log().get(0)).isEqualTo("record [db-0, db-1, db-2]");
        assertThat(duringSnapshot).containsExactly("db-0", "db-1", "db-2");
        assertThat(store.history).last().isEqualTo("delete");
        assertThat(store.records).isEmpty();
        assertThat(store.records.get("b1")).isNull();
    }

    @Test
    void aFailedPreActionSkipsTheSnapshotAndReleasesEveryPodWhosePreActionsStarted() throws Exception {
        exec.takes("db-0", "freeze", 100).takes("db-2", "freeze", 100)
                .exitsOnceStarted("db-1", "freeze", 1, "start db-0 freeze", "start db-2 freeze");

        RulesReport r = run(threePods(Action.of("freeze"), Action.of("thaw")));

        assertThat(exec.at("snapshot")).isEqualTo(-1);
        assertThat(r.snapshotTaken()).isFalse();
        assertThat(exec.log()).contains("start db-0 thaw", "start db-1 thaw", "start db-2 thaw");
        assertThat(r.errors()).anyMatch(e -> e.contains("pod data/db-1, pre [freeze]: exit code 1"));
        assertThat(r.failed()).isTrue();
        assertThat(store.records).isEmpty();
    }

    @Test
    void aTimeoutElsewhereStopsLaterPreActionsAndStillReleases() throws Exception {
        exec.takes("db-1", "flush", 5_000);
        Action flush = Action.of("flush").withTimeout(SHORT);
        QuiescePlan plan = QuiescePlan.of(pod("db-0", List.of(Action.of("lock"), Action.of("sleep-then-more")), List.of(Action.of("unlock"))),
                pod("db-1", List.of(flush), List.of(Action.of("thaw"))));
        exec.takes("db-0", "sleep-then-more", 0).succeedsOnce("db-0", "lock", "end db-1 flush");

        RulesReport r = run(plan);

        assertThat(r.snapshotTaken()).isFalse();
        assertThat(r.errors()).anyMatch(e -> e.contains("db-1") && e.contains("timed out after 200ms"));
        assertThat(exec.log()).doesNotContain("start db-0 sleep-then-more").contains("start db-0 unlock", "start db-1 thaw");
        assertThat(r.pods().get(0).actions()).extracting(ActionReport::outcome).containsExactly("EXITED", ActionReport.SKIPPED, "EXITED");
    }

    @Test
    void aContinueActionThatFailsIsAWarningAndTheSnapshotIsTaken() throws Exception {
        exec.on("db-0", "flush", 0, ExecResult.exited(127, "", "nodetool: not found"));

        RulesReport r = run(QuiescePlan.of(pod("db-0", List.of(Action.of("flush").withOnError(OnError.CONTINUE)), List.of())));

        assertThat(r.snapshotTaken()).isTrue();
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().contains("command not found (exit code 127)").contains("Continue");
    }

    @Test
    void aFailedSnapshotStepStillReleasesEveryPod() throws Exception {
        RulesReport r = engine.run("b1", threePods(Action.of("freeze"), Action.of("thaw")), () -> {
            throw new java.io.IOException("CSI driver said no");
        });

        assertThat(r.snapshotTaken()).isFalse();
        assertThat(r.errors()).contains("snapshot step failed: CSI driver said no");
        assertThat(r.pods()).extracting(PodReport::status).containsOnly(PodReport.RELEASED);
        assertThat(store.records).isEmpty();
    }

    @Test
    void aBackgroundSessionIsHeldThroughTheSnapshotAndEndedAfterThePostActions() throws Exception {
        Action lock = new Action(List.of("mysql"), null, SHORT, null, null, true, "READY", "FLUSH TABLES WITH READ LOCK;");

        RulesReport r = run(QuiescePlan.of(pod("db-0", List.of(lock), List.of(Action.of("echo", "done")))));

        assertThat(exec.log()).containsSubsequence("session db-0 mysql", "ready db-0 mysql", "snapshot",
                "start db-0 echo done", "ended db-0 mysql");
        assertThat(r.pods().get(0).actions()).extracting(ActionReport::phase).containsExactly("pre", "post", "end");
        assertThat(r.pods().get(0).actions().get(0).background()).isTrue();
    }

    @Test
    void aSessionThatNeverGetsReadyFailsTheBackupAndIsEnded() throws Exception {
        exec.on("db-0", "mysql", 5_000, null);
        Action lock = new Action(List.of("mysql"), null, SHORT, null, null, true, "READY", null);

        RulesReport r = run(QuiescePlan.of(pod("db-0", List.of(lock), List.of())));

        assertThat(r.snapshotTaken()).isFalse();
        assertThat(r.errors()).anyMatch(e -> e.contains("not ready after 200ms"));
        assertThat(exec.log()).contains("ended db-0 mysql");
    }

    @Test
    void aPodDeletedWhileFrozenIsReportedAndLeavesTheRecord() throws Exception {
        exec.on("db-1", "thaw", 0, ExecResult.failed(Outcome.POD_NOT_FOUND, "pod data/db-1 not found (deleted?)", "", ""));

        RulesReport r = run(threePods(Action.of("freeze"), Action.of("thaw")));

        assertThat(r.snapshotTaken()).isTrue();
        assertThat(r.pods()).extracting(PodReport::status).containsExactly(PodReport.RELEASED, PodReport.DELETED, PodReport.RELEASED);
        assertThat(r.warnings()).contains("pod data/db-1 was deleted while quiesced; nothing left to release");
        assertThat(r.failed()).isFalse();
        assertThat(store.records).isEmpty();
    }

    @Test
    void aFailedReleaseKeepsThePodRecordedAndReleaseRecoversItLater() throws Exception {
        exec.exits("db-2", "thaw", 1);

        RulesReport r = run(threePods(Action.of("freeze"), Action.of("thaw")));

        assertThat(r.allReleased()).isFalse();
        assertThat(r.errors()).anyMatch(e -> e.contains("cairn backup release b1"));
        assertThat(store.records.get("b1").pods()).extracting(QuiesceRecord.RecordedPod::pod).containsExactly("db-2");

        exec.exits("db-2", "thaw", 0);
        RulesReport released = engine.release("b1");

        assertThat(released.allReleased()).isTrue();
        assertThat(released.pods()).singleElement().extracting(PodReport::pod, PodReport::status).containsExactly("db-2", PodReport.RELEASED);
        assertThat(store.records).isEmpty();
    }

    @Test
    void afterACrashReleaseRunsTheRecordedPostActionsOnEveryRecordedPod() throws Exception {
        AtomicBoolean crashed = new AtomicBoolean();
        // A process that froze three pods and died during the snapshot leaves this record behind:
        QuiescePlan plan = threePods(Action.of("freeze"), Action.of("thaw", "--now"));
        QuiesceEngine dying = new QuiesceEngine(exec, new QuiesceRecordStore() {
            @Override
            public void write(QuiesceRecord record) throws java.io.IOException {
                if (!crashed.get()) {
                    store.write(record);
                }
            }

            @Override
            public java.util.Optional<QuiesceRecord> read(String backup) {
                return store.read(backup);
            }

            @Override
            public void delete(String backup) {
                // the process is gone: nothing after the crash reaches the cluster
            }
        }, Clock.systemUTC());
        dying.run("b1", plan, () -> crashed.set(true));
        exec.events.clear();

        RulesReport r = engine.release("b1");

        assertThat(exec.log()).contains("start db-0 thaw --now", "start db-1 thaw --now", "start db-2 thaw --now");
        assertThat(r.pods()).hasSize(3).extracting(PodReport::status).containsOnly(PodReport.RELEASED);
        assertThat(store.records).isEmpty();
        assertThat(engine.release("b1").warnings()).singleElement().asString().contains("nothing to release");
    }

    @Test
    void whenTheRecordCannotBeWrittenNothingIsFrozen() throws Exception {
        store.failWrites = true;

        RulesReport r = run(threePods(Action.of("freeze"), Action.of("thaw")));

        assertThat(exec.log()).isEmpty();
        assertThat(r.snapshotTaken()).isFalse();
        assertThat(r.errors()).singleElement().asString().contains("nothing was quiesced").contains("forbidden");
    }

    @Test
    void planErrorsFreezeNothing() throws Exception {
        RulesReport r = run(new QuiescePlan(List.of(), List.of(), List.of("rule db: no pod in the backup matches (the rule is required)")));

        assertThat(r.snapshotTaken()).isFalse();
        assertThat(r.errors()).hasSize(2);
        assertThat(exec.log()).isEmpty();
    }

    @Test
    void withoutRulesTheStepRunsAndTheWindowIsEmpty() throws Exception {
        RulesReport r = run(QuiescePlan.of());

        assertThat(exec.log()).containsExactly("snapshot");
        assertThat(r.snapshotTaken()).isTrue();
        assertThat(r.freezeWindowMillis()).isZero();
        assertThat(store.history).isEmpty();
    }

    @Test
    void aShutdownDuringTheFreezeReleasesEveryQuiescedPodBeforeTheJvmGoesAway() throws Exception {
        java.util.concurrent.atomic.AtomicReference<ReleaseOnExit> guard = new java.util.concurrent.atomic.AtomicReference<>();
        QuiesceEngine guarded = new QuiesceEngine(exec, store, Clock.systemUTC(), engineThread -> {
            guard.set(ReleaseOnExit.unregistered(engineThread, java.time.Duration.ofSeconds(10)));
            return guard.get();
        });
        java.util.concurrent.CountDownLatch frozen = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread backup = new Thread(() -> {
            try {
                guarded.run("b-exit", threePods(Action.of("freeze"), Action.of("thaw")), () -> {
                    frozen.countDown();
                    Thread.sleep(60_000);   // a snapshot step that is still running when the JVM is told to stop
                });
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        backup.start();
        assertThat(frozen.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        guard.get().onExit();   // what the JVM's shutdown hook does on Ctrl-C or SIGTERM

        assertThat(exec.log()).contains("start db-0 thaw", "start db-1 thaw", "start db-2 thaw");
        assertThat(store.records).isEmpty();
        backup.join(10_000);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    }
}
