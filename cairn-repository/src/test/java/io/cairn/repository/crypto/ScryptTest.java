package io.cairn.repository.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;

class ScryptTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void rfc7914TestVectors() {
        assertThat(hex(Scrypt.derive(utf8(""), utf8(""), 16, 1, 1, 64))).isEqualTo(
                "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                        + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
        assertThat(hex(Scrypt.derive(utf8("password"), utf8("NaCl"), 1024, 8, 16, 64))).isEqualTo(
                "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                        + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
        assertThat(hex(Scrypt.derive(utf8("pleaseletmein"), utf8("SodiumChloride"), 16384, 8, 1, 64))).isEqualTo(
                "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
                        + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887");
    }

    @Test
    void matchesBouncyCastleForResticsParameters() {
        Random random = new Random(7);
        for (int[] params : new int[][] {{32768, 8, 1}, {4096, 3, 2}, {2, 1, 3}}) {
            byte[] password = new byte[1 + random.nextInt(40)];
            byte[] salt = new byte[64];
            random.nextBytes(password);
            random.nextBytes(salt);
            assertThat(Scrypt.derive(password, salt, params[0], params[1], params[2], 64))
                    .containsExactly(SCrypt.generate(password, salt, params[0], params[1], params[2], 64));
        }
    }

    @Test
    void rejectsParametersScryptDoesNotDefine() {
        assertThatThrownBy(() -> Scrypt.derive(new byte[1], new byte[1], 1000, 8, 1, 64))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scrypt.derive(new byte[1], new byte[1], 1024, 0, 1, 64))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
