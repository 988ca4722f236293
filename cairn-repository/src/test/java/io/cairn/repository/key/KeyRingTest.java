package io.cairn.repository.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.repository.Id;
import io.cairn.repository.Json;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.RepositoryException;
import io.cairn.repository.WrongPasswordException;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
    static final ScryptParams CHEAP = new ScryptParams(16, 1, 1);
    private static final char[] PASSWORD = "correct horse".toCharArray();

    @TempDir
    Path dir;
    LocalBackend backend;

    @BeforeEach
    void setUp() throws Exception {
        backend = new LocalBackend(dir);
        backend.create();
    }

    @Test
    void openWithTheSamePasswordRecoversTheMasterKey() throws Exception {
        KeyRing created = KeyRing.create(backend, PASSWORD, "alice", "host1", CHEAP);
        KeyRing opened = KeyRing.open(backend, PASSWORD);

        assertThat(opened.currentKeyId()).isEqualTo(created.currentKeyId());
        assertThat(opened.masterKey().encryptionKey()).isEqualTo(created.masterKey().encryptionKey());
        assertThat(opened.masterKey().macK()).isEqualTo(created.masterKey().macK());
        assertThat(opened.masterKey().macR()).isEqualTo(created.masterKey().macR());
    }

    @Test
    void keyFileIsNamedByItsHashAndHoldsResticFields() throws Exception {
        KeyRing ring = KeyRing.create(backend, PASSWORD, "alice", "host1", CHEAP);
        byte[] bytes = backend.load(Handle.of(FileType.KEY, ring.currentKeyId()));

        assertThat(Id.hash(bytes)).isEqualTo(ring.currentKeyId());
        JsonNode json = Json.MAPPER.readTree(bytes);
        assertThat(json.fieldNames()).toIterable()
                .containsExactly("created", "username", "hostname", "kdf", "N", "r", "p", "salt", "data");
        assertThat(json.get("kdf").asText()).isEqualTo("scrypt");
        assertThat(json.get("N").asInt()).isEqualTo(16);
        assertThat(json.get("username").asText()).isEqualTo("alice");
        assertThat(json.get("hostname").asText()).isEqualTo("host1");
        assertThat(Base64.getDecoder().decode(json.get("salt").asText())).hasSize(64);
        // IV + JSON of the master key + MAC
        assertThat(Base64.getDecoder().decode(json.get("data").asText()).length).isGreaterThan(100);
    }

    @Test
    void wrongPasswordIsRejectedWithoutEchoingIt() throws Exception {
        KeyRing.create(backend, PASSWORD, "alice", "host1", CHEAP);

        assertThatThrownBy(() -> KeyRing.open(backend, "secret-guess".toCharArray()))
                .isInstanceOf(WrongPasswordException.class)
                .hasMessageContaining("wrong password")
                .hasMessageNotContaining("secret-guess");
    }

    @Test
    void emptyKeyDirectoryIsReported() {
        assertThatThrownBy(() -> KeyRing.open(backend, PASSWORD))
                .isInstanceOf(WrongPasswordException.class)
                .hasMessageContaining("no key files");
    }

    @Test
    void addedPasswordOpensTheSameMasterKeyAndListMarksTheCurrentKey() throws Exception {
        KeyRing first = KeyRing.create(backend, PASSWORD, "alice", "host1", CHEAP);
        Id second = first.add("zweites Passwört ✓".toCharArray(), "bob", "host2", CHEAP);

        KeyRing viaSecond = KeyRing.open(backend, "zweites Passwört ✓".toCharArray());
        assertThat(viaSecond.currentKeyId()).isEqualTo(second);
        assertThat(viaSecond.masterKey().encryptionKey()).isEqualTo(first.masterKey().encryptionKey());

        List<KeyInfo> keys = viaSecond.list();
        assertThat(keys).extracting(KeyInfo::id).containsExactly(first.currentKeyId(), second);
        assertThat(keys).extracting(KeyInfo::current).containsExactly(false, true);
        assertThat(keys).extracting(KeyInfo::username).containsExactly("alice", "bob");
        assertThat(keys).extracting(KeyInfo::hostname).containsExactly("host1", "host2");
    }

    @Test
    void removingTheKeyInUseIsRefused() throws Exception {
        KeyRing ring = KeyRing.create(backend, PASSWORD, "alice", "host1", CHEAP);

        assertThatThrownBy(() -> ring.remove(ring.currentKeyId()))
                .isInstanceOf(RepositoryException.class)
                .hasMessageContaining("currently in use");
        assertThat(backend.exists(Handle.of(FileType.KEY, ring.currentKeyId()))).isTrue();
    }

    @Test
    void removingAnotherKeyDeletesItAndItsPasswordNoLongerOpens() throws Exception {
        KeyRing ring = KeyRing.create(backend, PASSWORD, "alice", "host1", CHEAP);
        Id other = ring.add("other".toCharArray(), "bob", "host2", CHEAP);

        ring.remove(other);

        assertThat(ring.list()).extracting(KeyInfo::id).containsExactly(ring.currentKeyId());
        assertThatThrownBy(() -> KeyRing.open(backend, "other".toCharArray())).isInstanceOf(WrongPasswordException.class);
        assertThatThrownBy(() -> ring.remove(other)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDamagedKeyFileDoesNotLockOutTheOthers() throws Exception {
        KeyRing ring = KeyRing.create(backend, PASSWORD, "alice", "host1", CHEAP);
        byte[] junk = "{not json".getBytes();
        backend.save(Handle.of(FileType.KEY, Id.hash(junk)), junk);

        assertThat(KeyRing.open(backend, PASSWORD).currentKeyId()).isEqualTo(ring.currentKeyId());
        assertThatThrownBy(() -> KeyRing.open(backend, "nope".toCharArray()))
                .isInstanceOf(WrongPasswordException.class)
                .hasMessageContaining("1 unreadable");
    }

    @Test
    void scryptParametersAreValidatedLikeRestic() {
        assertThat(ScryptParams.DEFAULT).isEqualTo(new ScryptParams(32768, 8, 1));
        assertThatThrownBy(() -> new ScryptParams(1000, 8, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScryptParams(1, 8, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScryptParams(16, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
