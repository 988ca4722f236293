package io.cairn.repository.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.Repository;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.BackendOptions;
import io.cairn.repository.backend.Backends;
import io.cairn.repository.backend.RetryBackend;
import io.cairn.repository.key.ScryptParams;
import io.cairn.repository.snapshot.Snapshot;
import io.cairn.repository.testing.Backups;
import io.cairn.repository.testing.ResticCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups through a proxy that answers 500/503, resets connections mid-upload and mid-answer, and answers
 * slowly: each backup either completes or fails with a clear error, and never leaves a snapshot pointing at
 * missing data — restic check --read-data passes and every snapshot restores byte-identical.
 */
class S3FaultToleranceIT {
    private static final String PASSWORD = "faulty";

    @TempDir
    Path tmp;

    private static Backend open(String location, int attempts) {
        return Backends.open(location, BackendOptions.defaults().withEnv(LocalS3Server.env())
                .withRetry(new RetryBackend.Policy(attempts, Duration.ofMillis(5), Duration.ofMillis(50)),
                        RetryBackend.Listener.NONE));
    }

    @Test
    void backupsThroughAFaultyNetworkCompleteOrFailCleanly() throws Exception {
        try (LocalS3Server server = LocalS3Server.start(tmp.resolve("s3"));
             FaultyHttpProxy proxy = new FaultyHttpProxy(server.port(), 7)) {
            String direct = server.location("bucket/repo");
            String viaProxy = "s3:http://127.0.0.1:" + proxy.port() + "/bucket/repo";
            Repository.init(open(direct, 1), PASSWORD.toCharArray(), 2, new ScryptParams(16, 1, 1)).close();

            proxy.faults(0.05, 0.05, 0.05, 0.05, 0.05);
            List<Snapshot> made = new ArrayList<>();
            List<Path> sources = new ArrayList<>();
            int failed = 0;
            for (int round = 0; round < 4; round++) {
                Path src = Backups.files(tmp.resolve("src" + round), 10 + round, 5, 30_000);
                // Rounds 0-2 retry; round 3 gives up at the first fault and must fail cleanly, not half-way.
                try (Repository repo = Repository.open(open(viaProxy, round == 3 ? 1 : 12), PASSWORD.toCharArray())) {
                    made.add(Backups.backup(repo, src, OffsetDateTime.now().plusSeconds(round), "h", null));
                    sources.add(src);
                } catch (IOException e) {
                    failed++;
                    assertThat(e.getMessage()).isNotBlank();
                }
            }
            assertThat(proxy.faultsInjected()).isPositive();
            assertThat(made).hasSizeGreaterThanOrEqualTo(2);

            proxy.faults(0, 0, 0, 0, 0);
            new ResticCli(direct, LocalS3Server.env()).run(PASSWORD, "check", "--read-data");
            try (Repository repo = Repository.open(open(direct, 1), PASSWORD.toCharArray())) {
                assertThat(repo.listSnapshots()).hasSize(made.size());
                for (int i = 0; i < made.size(); i++) {
                    Backups.assertRestoresTo(repo, made.get(i), sources.get(i), tmp.resolve("restore" + i));
                }
            }
            System.out.printf("faulty proxy: %d requests, %d faults, %d of 4 backups failed cleanly%n",
                    proxy.requests(), proxy.faultsInjected(), failed);
        }
    }
}
