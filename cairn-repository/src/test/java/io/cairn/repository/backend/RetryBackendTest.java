package io.cairn.repository.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.Id;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryBackendTest {
    @TempDir
    Path tmp;

    private final List<Duration> sleeps = new ArrayList<>();

    private RetryBackend retrying(Backend inner, int attempts) {
        return new RetryBackend(inner, new RetryBackend.Policy(attempts, Duration.ofMillis(100), Duration.ofSeconds(1)),
                RetryBackend.Listener.NONE, sleeps::add);
    }

    /** Fails the first {@code failures} loads with the given exception. */
    private static Backend failing(Backend inner, int failures, IOException error, AtomicInteger calls) {
        return new FilterBackend(inner) {
            @Override
            public byte[] load(Handle handle) throws IOException {
                if (calls.incrementAndGet() <= failures) {
                    throw error;
                }
                return inner.load(handle);
            }
        };
    }

    @Test
    void transientFailuresAreRetriedWithGrowingJitteredDelays() throws Exception {
        LocalBackend local = new LocalBackend(tmp);
        local.create();
        local.save(Handle.CONFIG, new byte[] {1, 2});
        AtomicInteger calls = new AtomicInteger();
        Backend b = retrying(failing(local, 4, new TransientBackendException("HTTP 503", null), calls), 10);
        assertThat(b.load(Handle.CONFIG)).containsExactly(1, 2);
        assertThat(calls).hasValue(5);
        assertThat(sleeps).hasSize(4);
        for (int i = 0; i < sleeps.size(); i++) {
            long cap = Math.min(1000, 100L << i);
            assertThat(sleeps.get(i).toMillis()).isBetween(cap / 2, cap);
        }
    }

    @Test
    void connectionResetsAreRetried() throws Exception {
        LocalBackend local = new LocalBackend(tmp);
        local.create();
        local.save(Handle.CONFIG, new byte[] {7});
        AtomicInteger calls = new AtomicInteger();
        Backend b = retrying(failing(local, 1, new SocketException("Connection reset"), calls), 3);
        assertThat(b.load(Handle.CONFIG)).containsExactly(7);
        assertThat(calls).hasValue(2);
    }

    @Test
    void permanentFailuresAreNotRetried() throws Exception {
        for (IOException permanent : List.of(new NoSuchFileException("x"), new EOFException("short"),
                new BackendAuthException("403", null), new BackendMissingException("no bucket", null),
                new BackendUnreachableException("refused", null))) {
            AtomicInteger calls = new AtomicInteger();
            Backend b = retrying(failing(new LocalBackend(tmp), 100, permanent, calls), 10);
            assertThatThrownBy(() -> b.load(Handle.CONFIG)).isSameAs(permanent);
            assertThat(calls).as(permanent.toString()).hasValue(1);
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLastError() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TransientBackendException err = new TransientBackendException("HTTP 500", null);
        Backend b = retrying(failing(new LocalBackend(tmp), 100, err, calls), 4);
        assertThatThrownBy(() -> b.load(Handle.CONFIG)).isSameAs(err);
        assertThat(calls).hasValue(4);
        assertThat(err.getSuppressed()[0]).hasMessageContaining("gave up after 4 attempts");
    }

    @Test
    void theStandardChainHandsAPacksPartsToTheStorageUncopied() throws Exception {
        LocalBackend local = new LocalBackend(tmp);
        local.create();
        List<List<byte[]>> received = new ArrayList<>();
        Backend storage = new FilterBackend(local) {
            @Override
            public void save(Handle handle, List<byte[]> parts) throws IOException {
                received.add(parts);
                super.save(handle, parts);
            }
        };
        Backend chain = retrying(new LimitedBackend(storage, 2), 3);
        byte[] a = {1, 2, 3};
        byte[] b = {4, 5};
        Handle h = Handle.of(FileType.PACK, Id.hash(new byte[] {1, 2, 3, 4, 5}));
        chain.save(h, List.of(a, b));
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().get(0)).isSameAs(a);
        assertThat(received.getFirst().get(1)).isSameAs(b);
        assertThat(local.load(h)).containsExactly(1, 2, 3, 4, 5);
    }
}
