package io.cairn.repository.backend;

import java.nio.file.Path;
import java.time.Duration;

/** The standard chain (retry, limit) over a local directory whose calls fail now and then, transiently. */
class WrappedBackendContractTest extends BackendContractTest {
    @Override
    protected Backend newBackend(Path dir) {
        Backend faulty = new FaultInjectingBackend(new LocalBackend(dir.resolve("repo")), 42)
                .transientErrors(0.2);
        return new RetryBackend(new LimitedBackend(faulty, 3),
                new RetryBackend.Policy(30, Duration.ofMillis(1), Duration.ofMillis(2)),
                RetryBackend.Listener.NONE, RetryBackend.Sleeper.REAL);
    }
}
