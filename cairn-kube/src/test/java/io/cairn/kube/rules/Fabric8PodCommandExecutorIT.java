package io.cairn.kube.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kube.rules.ExecResult.Outcome;
import io.cairn.kube.testing.ShopFixture;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exec path through fabric8 against the mock API server, which serves the exec websocket from expectations. */
@EnableKubernetesMockClient(crud = true)
class Fabric8PodCommandExecutorIT {
    private static final PodRef CASSANDRA_0 = new PodRef("data", "cassandra-0");
    private static final Duration SHORT = Duration.ofMillis(300);

    KubernetesMockServer server;
    KubernetesClient client;
    PodCommandExecutor executor;
    /** Clients made for retries (see retryingMockHandshake). */
    private final List<KubernetesClient> retryClients = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ShopFixture.create(client);
        executor = new Fabric8PodCommandExecutor(client);
    }

    /** The path fabric8 asks for: argv as repeated command parameters, then container, stdin, stdout, stderr. */
    static String execPath(PodRef pod, String container, boolean stdin, String... argv) {
        StringBuilder s = new StringBuilder("/api/v1/namespaces/" + pod.namespace() + "/pods/" + pod.name() + "/exec?");
        for (String a : argv) {
            s.append("command=").append(java.net.URLEncoder.encode(a, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20")).append('&');
        }
        s.append("container=").append(container);
        if (stdin) {
            s.append("&stdin=true");
        }
        return s.append("&stdout=true&stderr=true").toString();
    }

    static void expectExec(KubernetesMockServer server, PodRef pod, String container, String output, int exitCode,
                           String... argv) {
        server.expect().get().withPath(execPath(pod, container, false, argv)).andUpgradeToWebSocket()
                .open(new OutputStreamMessage(output), new StatusStreamMessage(exitCode)).done().always();
    }

    /** A "Success" status on the exec status channel (3), sent {@code millis} after the previous message. */
    static WebSocketMessage delayedStatus(long millis) {
        byte[] json = "{\"metadata\":{},\"status\":\"Success\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] frame = new byte[json.length + 1];
        frame[0] = 3;
        System.arraycopy(json, 0, frame, 1, json.length);
        return new WebSocketMessage(millis, frame, true, true);
    }

    @Test
    void commandOutputAndExitCodeComeFromTheExecStreams() throws Exception {
        expectExec(server, CASSANDRA_0, "cassandra", "flushed\n", 0, "nodetool", "flush");

        ExecResult r = retryingMockHandshake(
                e -> e.exec(CASSANDRA_0, "cassandra", List.of("nodetool", "flush"), null, Duration.ofSeconds(5)));

        assertThat(r.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("flushed\n");
        assertThat(r.succeeded()).isTrue();
    }

    @Test
    void nonZeroExitIsAFailureAnd127IsCommandNotFound() throws Exception {
        expectExec(server, CASSANDRA_0, "cassandra", "", 3, "nodetool", "flush");
        expectExec(server, CASSANDRA_0, "cassandra", "", 127, "nodetol", "flush");

        ExecResult three = retryingMockHandshake(
                e -> e.exec(CASSANDRA_0, "cassandra", List.of("nodetool", "flush"), null, Duration.ofSeconds(5)));
        ExecResult missing = retryingMockHandshake(
                e -> e.exec(CASSANDRA_0, "cassandra", List.of("nodetol", "flush"), null, Duration.ofSeconds(5)));

        assertThat(three.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(three.exitCode()).isEqualTo(3);
        assertThat(three.succeeded()).isFalse();
        assertThat(missing.outcome()).isEqualTo(Outcome.COMMAND_NOT_FOUND);
        assertThat(missing.describe()).contains("command not found");
    }

    @Test
    void aCommandThatDoesNotFinishTimesOut() throws Exception {
        server.expect().get().withPath(execPath(CASSANDRA_0, "cassandra", false, "sleep", "60")).andUpgradeToWebSocket()
                .open(new OutputStreamMessage("sleeping\n"), delayedStatus(1_000)).done().always();

        long[] start = new long[1];
        ExecResult r = retryingMockHandshake(e -> {
            start[0] = System.nanoTime();
            return e.exec(CASSANDRA_0, "cassandra", List.of("sleep", "60"), null, Duration.ofMillis(200));
        });

        assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(r.describe()).isEqualTo("timed out after 200ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start[0])).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aMissingPodOrContainerIsNamed() throws Exception {
        ExecResult noPod = executor.exec(new PodRef("data", "cassandra-9"), "cassandra", List.of("true"), null, SHORT);
        ExecResult noContainer = executor.exec(CASSANDRA_0, "sidecar", List.of("true"), null, SHORT);

        assertThat(noPod.outcome()).isEqualTo(Outcome.POD_NOT_FOUND);
        assertThat(noPod.describe()).contains("data/cassandra-9 not found");
        assertThat(noContainer.outcome()).isEqualTo(Outcome.CONTAINER_NOT_FOUND);
        assertThat(noContainer.describe()).contains("no container 'sidecar' (it has: cassandra)");
    }

    @Test
    void aBackgroundSessionIsReadyAtItsMarkerAndEndsWhenReleased() throws Exception {
        PodRef db = new PodRef("shop", "mariadb-0");
        server.expect().get().withPath(execPath(db, "mariadb", true, "mariadb", "--batch")).andUpgradeToWebSocket()
                .open(new OutputStreamMessage("CAIRN-READY\n"), delayedStatus(150)).done().always();

        PodCommandExecutor.Session[] sessions = new PodCommandExecutor.Session[1];
        ExecResult ready = retryingMockHandshake(e -> {
            sessions[0] = e.start(db, "mariadb", List.of("mariadb", "--batch"), null);
            ExecResult attempt = sessions[0].awaitReady("CAIRN-READY", Duration.ofSeconds(5));
            if (isMockHandshakeFailure(attempt)) {
                sessions[0].end(Duration.ofSeconds(1));
            }
            return attempt;
        });
        PodCommandExecutor.Session session = sessions[0];
        ExecResult ended = session.end(Duration.ofSeconds(5));

        assertThat(ready.outcome()).as(ready.toString()).isEqualTo(Outcome.RUNNING);
        assertThat(ended.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(ended.exitCode()).isZero();
        assertThat(ended.stdout()).contains("CAIRN-READY");
        assertThat(session.end(Duration.ofSeconds(1))).isSameAs(ended);
    }

    /**
     * Now and then the mock server never completes an exec's websocket handshake; fabric8 then gives up after
     * about 30 s with "An error has occurred", and the stuck handshake can hold the client's connection so that
     * the next exec waits 10 s "getting a connection" (seen in about one full CI run in three, in this class
     * only, never when the class runs alone). Such an attempt says nothing about Cairn, so it is made again, at
     * most twice more, each time through a new client (a new connection pool); any other result, right or
     * wrong, is returned to the assertions.
     */
    private ExecResult retryingMockHandshake(MockAttempt attempt) throws Exception {
        ExecResult result = attempt.run(executor);
        for (int retry = 0; retry < 2 && isMockHandshakeFailure(result); retry++) {
            KubernetesClient fresh = server.createClient();
            retryClients.add(fresh);
            result = attempt.run(new Fabric8PodCommandExecutor(fresh));
        }
        return result;
    }

    @FunctionalInterface
    private interface MockAttempt {
        ExecResult run(PodCommandExecutor executor) throws Exception;
    }

    @AfterEach
    void closeRetryClients() {
        retryClients.forEach(KubernetesClient::close);
    }

    private static boolean isMockHandshakeFailure(ExecResult r) {
        return r.outcome() == Outcome.EXEC_FAILED && r.message() != null
                && (r.message().contains("An error has occurred") || r.message().contains("getting a connection"));
    }
}
