package io.cairn.repository.pack;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.repository.Json;
import io.cairn.repository.crypto.CryptoKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * TEST ONLY: opens a restic key file to get the master key, until the real key-file code lands. The key file
 * is JSON with scrypt parameters; scrypt(password) gives 64 bytes that open {@code data}, which holds
 * {@code {"mac":{"k","r"},"encrypt"}}.
 */
final class TestKeyFiles {
    private TestKeyFiles() {
    }

    static CryptoKey masterKey(Path repository, String password) throws IOException {
        List<Path> keys;
        try (Stream<Path> s = Files.list(repository.resolve("keys"))) {
            keys = s.toList();
        }
        if (keys.size() != 1) {
            throw new IllegalStateException("expected one key file, found " + keys.size());
        }
        JsonNode file = Json.MAPPER.readTree(Files.readAllBytes(keys.get(0)));
        if (!"scrypt".equals(file.path("kdf").asText())) {
            throw new IllegalStateException("unknown kdf " + file.path("kdf"));
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] derived = SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), b64.decode(file.path("salt").asText()),
                file.path("N").asInt(), file.path("r").asInt(), file.path("p").asInt(), 64);
        byte[] plain = CryptoKey.fromDerived(derived).open(b64.decode(file.path("data").asText()));
        JsonNode master = Json.MAPPER.readTree(plain);
        return new CryptoKey(b64.decode(master.path("encrypt").asText()), b64.decode(master.path("mac").path("k").asText()),
                b64.decode(master.path("mac").path("r").asText()));
    }
}
