package io.cairn.repository.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.repository.Id;
import io.cairn.repository.Json;
import io.cairn.repository.UnpackedFiles;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.crypto.CryptoKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocksTest {
    @TempDir
    Path tmp;
    private LocalBackend backend;
    private final CryptoKey key = CryptoKey.random();

    @BeforeEach
    void setUp() throws Exception {
        backend = new LocalBackend(tmp);
        backend.create();
    }

    private Locks locks(String host) {
        return new Locks(backend, key, true, Clock.systemUTC(), host, "tester").timing(Duration.ofMinutes(5),
                Duration.ofMillis(1));
    }

    @Test
    void sharedLocksCoexistAndExcludeAnExclusiveOne() throws Exception {
        Locks a = locks("node-a");
        Locks b = locks("node-b");
        try (Lock s1 = a.lockShared(); Lock s2 = b.lockShared()) {
            assertThat(a.list()).hasSize(2);
            assertThatThrownBy(b::lockExclusive).isInstanceOf(LockedException.class)
                    .hasMessageContaining("a shared lock").hasMessageContaining("tester@node-");
        }
        assertThat(a.list()).isEmpty();
        try (Lock x = a.lockExclusive()) {
            assertThatThrownBy(b::lockShared).isInstanceOf(LockedException.class)
                    .hasMessageContaining("an exclusive lock " + x.id().shortString())
                    .hasMessageContaining("held by tester@node-a")
                    .satisfies(e -> assertThat(((LockedException) e).holder().exclusive()).isTrue());
        }
        b.lockExclusive().close();
    }

    @Test
    void aConflictingLockWrittenWhileOursIsPendingFailsItAndRemovesOurFile() throws Exception {
        Locks a = new Locks(backend, key, true, Clock.systemUTC(), "node-a", "tester").timing(Duration.ofMinutes(5),
                Duration.ofSeconds(2));
        Locks b = locks("node-b");
        b.remove(b.write(true)); // classes loaded: the rival's write below is quick even on a busy machine
        Lock shared = a.lockShared();
        // An exclusive lock that passed its first check before our file existed: the second check must see it.
        Id rival = b.write(true);
        assertThatThrownBy(shared::awaitConfirmed).isInstanceOf(LockedException.class)
                .hasMessageContaining("an exclusive lock " + rival.shortString());
        assertThat(a.list()).extracting(LockInfo::id).containsExactly(rival);
        shared.close();
        assertThat(a.list()).extracting(LockInfo::id).containsExactly(rival);
    }

    @Test
    void aLockWithoutRivalsIsConfirmedAfterTheSecondCheck() throws Exception {
        Locks a = new Locks(backend, key, true, Clock.systemUTC(), "node-a", "tester").timing(Duration.ofMinutes(5),
                Duration.ofMillis(200));
        try (Lock shared = a.lockShared()) {
            assertThat(shared.settled()).isFalse();
            shared.awaitConfirmed();
            assertThat(shared.settled()).isTrue();
            assertThat(a.list()).extracting(LockInfo::id).containsExactly(shared.id());
        }
    }

    @Test
    void lockFilesUseResticsJsonFields() throws Exception {
        try (Lock l = locks("node-a").lockShared()) {
            byte[] json = UnpackedFiles.load(backend, key, Handle.of(FileType.LOCK, l.id()));
            JsonNode n = Json.MAPPER.readTree(json);
            assertThat(n.fieldNames()).toIterable()
                    .containsExactlyInAnyOrder("time", "exclusive", "hostname", "username", "pid", "uid", "gid");
            assertThat(n.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(n.get("exclusive").asBoolean()).isFalse();
        }
    }

    @Test
    void refreshReplacesTheLockFile() throws Exception {
        try (Lock l = locks("node-a").lockShared()) {
            var before = l.id();
            Thread.sleep(2);
            l.refresh();
            assertThat(l.id()).isNotEqualTo(before);
            assertThat(backend.list(FileType.LOCK)).hasSize(1);
        }
    }

    @Test
    void staleLocksNeitherConflictNorSurviveUnlock() throws Exception {
        // An exclusive lock from an hour ago on another host, and one on this host from a dead process.
        Clock hourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        new Locks(backend, key, true, hourAgo, "elsewhere", "old").timing(Duration.ofHours(1), Duration.ZERO)
                .write(true);
        LockInfo dead = new LockInfo(OffsetDateTime.now(), true, "node-a", "x", 999_999_999L, 0, 0, null);
        assertThat(dead.isStale(Instant.now(), "node-a")).isTrue();
        assertThat(dead.isStale(Instant.now(), "node-b")).isFalse();
        Locks here = locks("node-a");
        try (Lock l = here.lockExclusive()) {
            assertThat(here.list()).hasSize(2);
            assertThat(here.removeStale()).isEqualTo(1);
            assertThat(here.list()).extracting(LockInfo::id).containsExactly(l.id());
        }
        here.write(true);
        assertThat(here.removeAll()).isEqualTo(1);
    }
}
