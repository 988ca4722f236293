package io.cairn.repository.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Poly1305-AES on the JDK's intrinsic Poly1305 gives the published tags and BouncyCastle's tags. */
class Poly1305AesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theJdkPoly1305IsReachable() {
        // the tests run with the flags the launcher uses (--add-opens java.base/com.sun.crypto.provider)
        assertThat(Poly1305Aes.usesJdk()).isTrue();
    }

    /** The vectors of D. J. Bernstein, "The Poly1305-AES message-authentication code" (2005), appendix B. */
    @ParameterizedTest
    @CsvSource({
        "'',   a0f3080000f46400d0c7e9076c834403, 75deaa25c09f208e1dc4ce6b5cad3fbf, 61ee09218d29b0aaed7e154a2c5509cc, dd3fab2251f11ac759f0887129cc2ee7",
        "f3f6, 851fc40c3467ac0be05cc20404f3f700, ec074c835580741701425b623235add6, fb447350c4e868c52ac3275cf9d4327e, f4c633c3044fc145f84f335cb81953de",
        "663cea190ffb83d89593f3f476b6bc24d7e679107ea26adb8caf6652d0656136, 48443d0bb0d21109c89a100b5ce2c208, "
                + "6acb5f61a7176dd320c5c1eb2edcdc74, ae212a55399729595dea458bc621ff0e, 0ee1c16bb73f0f4fd19881753c01cdbe",
        "ab0812724a7f1e342742cbed374d94d136c6b8795d45b3819830f2c04491faf0990c62e48b8018b2c3e4a0fa3134cb67fa83e158c994d961c4cb21095c1bf9, "
                + "12976a08c4426d0ce8a82407c4f48207, e1a5668a4d5b66a5f68cc5424ed5982d, 9ae831e743978d3a23527c7128149e3a, "
                + "5154ad0d2cb26e01274fc51148491f1b",
    })
    void publishedVectors(String message, String r, String k, String nonce, String tag) {
        byte[] msg = message == null ? new byte[0] : HEX.parseHex(message);
        Poly1305Aes mac = new Poly1305Aes(HEX.parseHex(r), HEX.parseHex(k));
        byte[] out = new byte[16];
        mac.mac(HEX.parseHex(nonce), msg, 0, msg.length, out, 0);
        assertThat(HEX.formatHex(out)).isEqualTo(tag);
        mac.macPortable(HEX.parseHex(nonce), msg, 0, msg.length, out, 0);
        assertThat(HEX.formatHex(out)).isEqualTo(tag);
    }

    @Test
    void agreesWithBouncyCastleAcrossLengthsAndSliceBoundaries() {
        Random random = new Random(42);
        int[] lengths = {0, 1, 15, 16, 17, 31, 33, 255, 4096, JitWarmup.SLICE - 1, JitWarmup.SLICE, JitWarmup.SLICE + 1,
            2 * JitWarmup.SLICE + 7, 1_000_003};
        for (int round = 0; round < 3; round++) {
            CryptoKey key = CryptoKey.random();
            Poly1305Aes mac = new Poly1305Aes(key.macR(), key.macK());
            for (int length : lengths) {
                int offset = random.nextInt(40);
                byte[] data = new byte[offset + length + 3];
                random.nextBytes(data);
                byte[] nonce = new byte[16];
                random.nextBytes(nonce);
                byte[] jdk = new byte[20];
                byte[] portable = new byte[20];
                mac.mac(nonce, data, offset, length, jdk, 4);
                mac.macPortable(nonce, data, offset, length, portable, 4);
                assertThat(jdk).as("length %d", length).isEqualTo(portable);
            }
        }
    }

    @Test
    void manyThreadsGetTheSameTags() throws InterruptedException {
        CryptoKey key = CryptoKey.random();
        Poly1305Aes mac = new Poly1305Aes(key.macR(), key.macK());
        byte[] data = new byte[100_000];
        new Random(7).nextBytes(data);
        byte[] nonce = new byte[16];
        byte[] expected = new byte[16];
        mac.macPortable(nonce, data, 0, data.length, expected, 0);
        boolean[] ok = new boolean[4];
        Thread[] threads = new Thread[ok.length];
        for (int t = 0; t < threads.length; t++) {
            int index = t;
            threads[t] = new Thread(() -> {
                boolean same = true;
                for (int i = 0; i < 200; i++) {
                    byte[] tag = new byte[16];
                    mac.mac(nonce, data, 0, data.length, tag, 0);
                    same &= Arrays.equals(tag, expected);
                }
                ok[index] = same;
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(ok).containsOnly(true);
    }
}
