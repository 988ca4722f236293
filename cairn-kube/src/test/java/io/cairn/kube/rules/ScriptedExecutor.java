package io.cairn.kube.rules;

import io.cairn.kube.rules.ExecResult.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PodCommandExecutor} that plays a script: for each pod and command, how long it takes and how it ends.
 * Unscripted commands exit 0 at once. Every call is logged in order as "start pod argv" / "end pod argv" events
 * (with a sequence number), so tests can check ordering across threads.
 */
final class ScriptedExecutor implements PodCommandExecutor {
    /** What a command does: wait until {@code awaits} have been logged, sleep {@code millis}, then answer. */
    record Step(long millis, ExecResult result, List<String> awaits) {
        Step(long millis, ExecResult result) {
            this(millis, result, List.of());
        }
    }

    record Event(long seq, String what, long nanos) {
    }

    private final Map<String, Step> script = new ConcurrentHashMap<>();
    final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong();

    ScriptedExecutor on(String pod, String argv, long millis, ExecResult result) {
        script.put(pod + " " + argv, new Step(millis, result));
        return this;
    }

    ScriptedExecutor exits(String pod, String argv, int code) {
        return on(pod, argv, 0, ExecResult.exited(code, "", code == 0 ? "" : "boom"));
    }

    /** Fails with {@code code} only once the given events (e.g. "start db-0 freeze") have happened. */
    ScriptedExecutor exitsOnceStarted(String pod, String argv, int code, String... events) {
        script.put(pod + " " + argv, new Step(0, ExecResult.exited(code, "", "boom"), List.of(events)));
        return this;
    }

    /** Succeeds only once the given events (e.g. "end db-1 flush") have happened. */
    ScriptedExecutor succeedsOnce(String pod, String argv, String... events) {
        script.put(pod + " " + argv, new Step(0, ExecResult.exited(0, "done", ""), List.of(events)));
        return this;
    }

    ScriptedExecutor takes(String pod, String argv, long millis) {
        return on(pod, argv, millis, ExecResult.exited(0, "done", ""));
    }

    void log(String what) {
        events.add(new Event(seq.incrementAndGet(), what, System.nanoTime()));
    }

    /** Sequence number of the first event equal to {@code what}, or -1. */
    long at(String what) {
        return events.stream().filter(e -> e.what().equals(what)).mapToLong(Event::seq).findFirst().orElse(-1);
    }

    List<String> log() {
        return events.stream().map(Event::what).toList();
    }

    @Override
    public ExecResult exec(PodRef pod, String container, List<String> argv, String stdin, Duration timeout)
            throws InterruptedException {
        String key = pod.name() + " " + String.join(" ", argv);
        log("start " + key);
        Step step = script.getOrDefault(key, new Step(0, ExecResult.exited(0, "", "")));
        try {
            if (step.millis() > timeout.toMillis()) {
                Thread.sleep(timeout.toMillis());
                return ExecResult.failed(Outcome.TIMED_OUT, "timed out after " + Durations.format(timeout), "", "");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!log().containsAll(step.awaits())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("waited in vain for " + step.awaits() + "; log: " + log());
                }
                Thread.sleep(1);
            }
            Thread.sleep(step.millis());
            return step.result();
        } finally {
            log("end " + key);
        }
    }

    @Override
    public Session start(PodRef pod, String container, List<String> argv, String stdin) {
        String key = pod.name() + " " + String.join(" ", argv);
        log("session " + key);
        Step step = script.getOrDefault(key, new Step(0, new ExecResult(Outcome.RUNNING, null, "READY\n", "", null)));
        return new Session() {
            @Override
            public ExecResult awaitReady(String marker, Duration timeout) throws InterruptedException {
                if (step.millis() > timeout.toMillis()) {
                    Thread.sleep(timeout.toMillis());
                    return ExecResult.failed(Outcome.TIMED_OUT, "not ready after " + Durations.format(timeout), "", "");
                }
                Thread.sleep(step.millis());
                log("ready " + key);
                return step.result();
            }

            @Override
            public ExecResult end(Duration grace) {
                log("ended " + key);
                return ExecResult.exited(0, "", "");
            }
        };
    }
}
