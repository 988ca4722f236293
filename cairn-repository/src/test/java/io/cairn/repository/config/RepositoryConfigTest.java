package io.cairn.repository.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.CorruptDataException;
import io.cairn.repository.UnsupportedFormatException;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.chunker.Polynomial;
import io.cairn.repository.crypto.CryptoKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryConfigTest {
    private static final String ID = "5b1a33e6e3a8f7f2ae1c16f8f0bd9e8d6b6e5a0f3a5c6b9e1d2f3a4b5c6d7e8f";

    @TempDir
    Path dir;

    @Test
    void jsonMatchesResticFieldForField() throws Exception {
        RepositoryConfig config = new RepositoryConfig(2, ID, Polynomial.parseHex("3da3358b4dc173"));

        assertThat(new String(config.toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":2,\"id\":\"" + ID + "\",\"chunker_polynomial\":\"3da3358b4dc173\"}");
    }

    @Test
    void parsesResticJson() throws Exception {
        String json = "{\"version\":1,\"id\":\"" + ID + "\",\"chunker_polynomial\":\"25b468838dcb75\"}";

        RepositoryConfig config = RepositoryConfig.fromJson(json.getBytes(StandardCharsets.UTF_8));

        assertThat(config.version()).isEqualTo(1);
        assertThat(config.id()).isEqualTo(ID);
        assertThat(config.chunkerPolynomial().toHex()).isEqualTo("25b468838dcb75");
        assertThat(config.compression()).isFalse();
    }

    @Test
    void newerVersionIsRejected() {
        String json = "{\"version\":3,\"id\":\"" + ID + "\",\"chunker_polynomial\":\"25b468838dcb75\"}";

        assertThatThrownBy(() -> RepositoryConfig.fromJson(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("repository format version 3 is newer than this Cairn supports");
    }

    @Test
    void garbageIsCorrupt() {
        assertThatThrownBy(() -> RepositoryConfig.fromJson("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CorruptDataException.class);
        String badPoly = "{\"version\":2,\"id\":\"" + ID + "\",\"chunker_polynomial\":\"xyz\"}";
        assertThatThrownBy(() -> RepositoryConfig.fromJson(badPoly.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CorruptDataException.class);
    }

    @Test
    void createMakesARandomHexId() {
        RepositoryConfig a = RepositoryConfig.create(2, Polynomial.random());
        RepositoryConfig b = RepositoryConfig.create(2, Polynomial.random());

        assertThat(a.id()).matches("[0-9a-f]{64}").isNotEqualTo(b.id());
        assertThat(a.compression()).isTrue();
    }

    @Test
    void savedConfigIsUncompressedJsonUnderTheNameConfig() throws Exception {
        LocalBackend backend = new LocalBackend(dir);
        backend.create();
        CryptoKey key = CryptoKey.random();
        RepositoryConfig config = RepositoryConfig.create(2, Polynomial.random());

        config.save(backend, key);

        byte[] plain = key.open(backend.load(Handle.CONFIG));
        assertThat(plain[0]).isEqualTo((byte) '{'); // restic does not decompress the config
        RepositoryConfig loaded = RepositoryConfig.load(backend, key);
        assertThat(loaded.version()).isEqualTo(2);
        assertThat(loaded.id()).isEqualTo(config.id());
        assertThat(loaded.chunkerPolynomial().toHex()).isEqualTo(config.chunkerPolynomial().toHex());
    }
}
