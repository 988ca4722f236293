package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.key.KeyInfo;
import io.cairn.repository.key.ScryptParams;
import io.cairn.repository.snapshot.Snapshot;
import io.cairn.repository.testing.ResticCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files, config and snapshots against the real restic 0.14, in both directions. */
class ResticRepositoryIT {
    private static final String PASSWORD = "it-password";
    private static final ScryptParams CHEAP = new ScryptParams(16, 1, 1);

    @TempDir
    Path tmp;

    private Path repoDir() {
        return tmp.resolve("repo");
    }

    private static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }

    @Test
    void cairnOpensAResticRepositoryAndAddsAKeyResticAccepts() throws Exception {
        ResticCli restic = new ResticCli(repoDir());
        restic.run(PASSWORD, "init");
        JsonNode config = json(restic.run(PASSWORD, "cat", "config"));

        try (Repository repo = Repository.open(new LocalBackend(repoDir()), PASSWORD.toCharArray())) {
            assertThat(repo.config().version()).isEqualTo(config.get("version").asInt()).isEqualTo(2);
            assertThat(repo.config().id()).isEqualTo(config.get("id").asText());
            assertThat(repo.polynomial().toHex()).isEqualTo(config.get("chunker_polynomial").asText());

            Id added = repo.keys().add("second password".toCharArray(), "cairn-user", "cairn-host", CHEAP);

            JsonNode keys = json(restic.run(PASSWORD, "key", "list", "--json"));
            List<String> ids = new ArrayList<>();
            keys.forEach(k -> ids.add(k.get("id").asText()));
            assertThat(ids).hasSize(2).contains(added.shortString(), repo.keyId().shortString());
            assertThat(repo.keys().list()).extracting(KeyInfo::current).containsExactlyInAnyOrder(true, false);
        }
        JsonNode viaNewKey = json(restic.run("second password", "cat", "config"));
        assertThat(viaNewKey.get("id").asText()).isEqualTo(config.get("id").asText());
        JsonNode keysViaNew = json(restic.run("second password", "key", "list", "--json"));
        keysViaNew.forEach(k -> {
            if (k.get("current").asBoolean()) {
                assertThat(k.get("userName").asText()).isEqualTo("cairn-user");
                assertThat(k.get("hostName").asText()).isEqualTo("cairn-host");
            }
        });

        assertThatThrownBy(() -> Repository.open(new LocalBackend(repoDir()), "wrong".toCharArray()))
                .isInstanceOf(WrongPasswordException.class);
    }

    @Test
    void cairnOpensAResticVersion1Repository() throws Exception {
        ResticCli restic = new ResticCli(repoDir());
        restic.run(PASSWORD, "init", "--repository-version", "1");

        try (Repository repo = Repository.open(new LocalBackend(repoDir()), PASSWORD.toCharArray())) {
            assertThat(repo.config().version()).isEqualTo(1);
            assertThat(repo.config().compression()).isFalse();
            assertThat(repo.listSnapshots()).isEmpty();
        }
    }

    @Test
    void resticOpensAndChecksARepositoryCairnCreated() throws Exception {
        Repository repo = Repository.init(new LocalBackend(repoDir()), PASSWORD.toCharArray());
        ResticCli restic = new ResticCli(repoDir());

        JsonNode config = json(restic.run(PASSWORD, "cat", "config"));
        assertThat(config.get("version").asInt()).isEqualTo(2);
        assertThat(config.get("id").asText()).isEqualTo(repo.config().id());
        assertThat(config.get("chunker_polynomial").asText()).isEqualTo(repo.polynomial().toHex());
        assertThat(json(restic.run(PASSWORD, "snapshots", "--json"))).isEmpty();
        JsonNode keys = json(restic.run(PASSWORD, "key", "list", "--json"));
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("id").asText()).isEqualTo(repo.keyId().shortString());
        restic.run(PASSWORD, "check");
        assertThat(restic.tryRun("wrong", "cat", "config").exitCode()).isNotZero();
        repo.close();
    }

    @Test
    void resticReadsASnapshotCairnWrote() throws Exception {
        Repository repo = Repository.init(new LocalBackend(repoDir()), PASSWORD.toCharArray(), 2, CHEAP);
        Snapshot written = new Snapshot(OffsetDateTime.parse("2024-05-01T12:00:00.123456789+02:00"), null,
                Id.hash(new byte[] {1}), List.of("/backup"), "cluster-a", "cairn", 0, 0, null,
                List.of("cairn", "backup=nightly"), null, null);
        Id id = repo.saveSnapshot(written);

        String catted = new ResticCli(repoDir()).run(PASSWORD, "cat", "snapshot", id.toString());

        assertThat(Json.MAPPER.readValue(catted, Snapshot.class).withId(id)).isEqualTo(written.withId(id));
        assertThat(json(catted).get("time").asText()).isEqualTo("2024-05-01T12:00:00.123456789+02:00");
        repo.close();
    }

    @Test
    void cairnReadsASnapshotResticMade() throws Exception {
        ResticCli restic = new ResticCli(repoDir());
        restic.run(PASSWORD, "init");
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("hello.txt"), "hello, cairn\n");
        restic.run(PASSWORD, "backup", "--host", "it-host", "--tag", "t1", "--tag", "t2", data.toString());
        JsonNode expected = json(restic.run(PASSWORD, "snapshots", "--json")).get(0);

        try (Repository repo = Repository.open(new LocalBackend(repoDir()), PASSWORD.toCharArray())) {
            List<Snapshot> all = repo.listSnapshots();
            assertThat(all).hasSize(1);
            Snapshot latest = repo.findSnapshot("latest");
            assertThat(latest).isEqualTo(all.get(0));
            assertThat(latest.id().toString()).isEqualTo(expected.get("id").asText());
            assertThat(latest.hostname()).isEqualTo("it-host");
            assertThat(latest.paths()).containsExactly(data.toString());
            assertThat(latest.tags()).containsExactly("t1", "t2");
            assertThat(latest.tree().toString()).isEqualTo(expected.get("tree").asText());
            assertThat(latest.time()).isEqualTo(OffsetDateTime.parse(expected.get("time").asText()));
            assertThat(repo.findSnapshot(expected.get("short_id").asText()).id()).isEqualTo(latest.id());
            assertThat(repo.findLatest(s -> s.hasTag("t2")).id()).isEqualTo(latest.id());
        }
    }
}
