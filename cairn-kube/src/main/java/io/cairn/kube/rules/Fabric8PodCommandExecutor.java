package io.cairn.kube.rules;

import io.cairn.kube.rules.ExecResult.Outcome;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.TtyExecOutputErrorable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link PodCommandExecutor} on the Kubernetes exec API through fabric8: stdout and stderr are written into
 * capped buffers, the exit code comes from the status channel ({@link ExecWatch#exitCode()}).
 */
public final class Fabric8PodCommandExecutor implements PodCommandExecutor {
    /** After the exit status arrives, how long to wait for output still in flight. */
    private static final long DRAIN_MILLIS = 50;

    private final KubernetesClient client;

    public Fabric8PodCommandExecutor(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public ExecResult exec(PodRef pod, String container, List<String> argv, String stdin, Duration timeout)
            throws InterruptedException {
        CappedOutput out = new CappedOutput();
        CappedOutput err = new CappedOutput();
        ExecWatch watch;
        try {
            watch = open(pod, container, argv, stdin != null, out, err);
        } catch (KubernetesClientException e) {
            return diagnose(pod, container, e, out, err);
        }
        try {
            writeStdin(watch, stdin, true);
            ExecResult r = await(watch, timeout, out, err);
            return r.outcome() == Outcome.EXEC_FAILED ? diagnose(pod, container, new IOException(r.message()), out, err) : r;
        } finally {
            watch.close();
        }
    }

    @Override
    public Session start(PodRef pod, String container, List<String> argv, String stdin) {
        return new Fabric8Session(pod, container, argv, stdin);
    }

    private ExecWatch open(PodRef pod, String container, List<String> argv, boolean withStdin, OutputStream out,
                           OutputStream err) {
        PodResource resource = client.pods().inNamespace(pod.namespace()).withName(pod.name());
        TtyExecOutputErrorable base;
        if (container != null) {
            ContainerResource c = resource.inContainer(container);
            base = withStdin ? c.redirectingInput() : c;
        } else {
            base = withStdin ? resource.redirectingInput() : resource;
        }
        return base.writingOutput(out).writingError(err).exec(argv.toArray(String[]::new));
    }

    private static void writeStdin(ExecWatch watch, String stdin, boolean close) {
        if (stdin == null) {
            return;
        }
        try {
            OutputStream in = watch.getInput();
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
            in.flush();
            if (close) {
                in.close();
            }
        } catch (IOException e) {
            // the stream is gone; the exit status (or its absence) tells what happened
        }
    }

    private static ExecResult await(ExecWatch watch, Duration timeout, CappedOutput out, CappedOutput err)
            throws InterruptedException {
        try {
            Integer code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Thread.sleep(DRAIN_MILLIS);
            if (code == null || code < 0) {
                return ExecResult.failed(Outcome.EXEC_FAILED, "no exit status from the exec stream", out.text(), err.text());
            }
            return ExecResult.exited(code, out.text(), err.text());
        } catch (TimeoutException e) {
            return ExecResult.failed(Outcome.TIMED_OUT, "timed out after " + Durations.format(timeout), out.text(), err.text());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return classify(cause, out.text(), err.text());
        }
    }

    /**
     * Why an exec failed, asking the API about the pod: gone, no such container, else what the exec call said.
     */
    private ExecResult diagnose(PodRef pod, String container, Throwable e, CappedOutput out, CappedOutput err) {
        try {
            Pod p = client.pods().inNamespace(pod.namespace()).withName(pod.name()).get();
            if (p == null) {
                return ExecResult.failed(Outcome.POD_NOT_FOUND, "pod " + pod + " not found (deleted?)", out.text(), err.text());
            }
            if (container != null && p.getSpec() != null && p.getSpec().getContainers().stream()
                    .noneMatch(c -> container.equals(c.getName()))) {
                return ExecResult.failed(Outcome.CONTAINER_NOT_FOUND, "pod " + pod + " has no container '" + container
                        + "' (it has: " + String.join(", ", p.getSpec().getContainers().stream().map(Container::getName)
                        .toList()) + ")", out.text(), err.text());
            }
        } catch (KubernetesClientException ignored) {
            // fall back to what the exec call said
        }
        return classify(e, out.text(), err.text());
    }

    static ExecResult classify(Throwable e, String stdout, String stderr) {
        String msg = String.valueOf(e.getMessage());
        String lower = msg.toLowerCase();
        if (lower.contains("container") && (lower.contains("not found") || lower.contains("not valid") || lower.contains("is not"))) {
            return ExecResult.failed(Outcome.CONTAINER_NOT_FOUND, msg, stdout, stderr);
        }
        if (lower.contains("executable file not found") || lower.contains("no such file or directory")) {
            return ExecResult.failed(Outcome.COMMAND_NOT_FOUND, msg, stdout, stderr);
        }
        if (e instanceof KubernetesClientException k && k.getCode() == 404) {
            return ExecResult.failed(Outcome.POD_NOT_FOUND, msg, stdout, stderr);
        }
        return ExecResult.failed(Outcome.EXEC_FAILED, msg.startsWith("exec failed") ? msg : "exec failed: " + msg, stdout, stderr);
    }

    /** A background exec whose stdin stays open until {@link #end}. */
    private final class Fabric8Session implements Session {
        private final CappedOutput out;
        private final CappedOutput err = new CappedOutput();
        private volatile String marker;
        private final CountDownLatch ready = new CountDownLatch(1);
        private final ExecWatch watch;
        private final ExecResult refused;
        private ExecResult ended;

        Fabric8Session(PodRef pod, String container, List<String> argv, String stdin) {
            this.out = new CappedOutput(CappedOutput.DEFAULT_CAP, line -> {
                String m = marker;
                if (m != null && line.contains(m)) {
                    ready.countDown();
                }
            });
            ExecWatch w = null;
            ExecResult r = null;
            try {
                w = open(pod, container, argv, true, out, err);
                writeStdin(w, stdin, false);
            } catch (KubernetesClientException e) {
                r = diagnose(pod, container, e, out, err);
            }
            this.watch = w;
            this.refused = r;
        }

        @Override
        public ExecResult awaitReady(String readyMarker, Duration timeout) throws InterruptedException {
            if (refused != null) {
                return refused;
            }
            if (readyMarker == null) {
                return new ExecResult(Outcome.RUNNING, null, out.text(), err.text(), null);
            }
            marker = readyMarker;
            if (out.text().lines().anyMatch(l -> l.contains(readyMarker))) {
                ready.countDown();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (ready.await(20, TimeUnit.MILLISECONDS)) {
                    return new ExecResult(Outcome.RUNNING, null, out.text(), err.text(), null);
                }
                if (watch.exitCode().isDone()) {
                    ExecResult r = await(watch, Duration.ofMillis(1), out, err);
                    return ready.getCount() == 0 ? new ExecResult(Outcome.RUNNING, null, out.text(), err.text(), null)
                            : r.outcome() == Outcome.EXITED
                            ? new ExecResult(Outcome.EXEC_FAILED, r.exitCode(), r.stdout(), r.stderr(),
                            "ended (exit code " + r.exitCode() + ") before printing the ready marker '" + readyMarker + "'")
                            : r;
                }
            }
            return ExecResult.failed(Outcome.TIMED_OUT, "not ready ('" + readyMarker + "' not seen) after "
                    + Durations.format(timeout), out.text(), err.text());
        }

        @Override
        public synchronized ExecResult end(Duration grace) throws InterruptedException {
            if (refused != null) {
                return refused;
            }
            if (ended == null) {
                try {
                    watch.getInput().close();
                } catch (IOException | RuntimeException e) {
                    // already closed
                }
                ExecResult r = await(watch, grace, out, err);
                watch.close();
                ended = r.outcome() == Outcome.TIMED_OUT
                        ? ExecResult.failed(Outcome.TIMED_OUT, "still running " + Durations.format(grace)
                        + " after its stdin was closed; the exec stream was closed", r.stdout(), r.stderr())
                        : r;
            }
            return ended;
        }
    }
}
