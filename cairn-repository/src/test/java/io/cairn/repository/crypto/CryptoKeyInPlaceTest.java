package io.cairn.repository.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.CorruptDataException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allocation-free forms of sealing and opening agree with the plain ones, across slice boundaries. */
class CryptoKeyInPlaceTest {
    private final CryptoKey key = CryptoKey.random();

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65_535, 65_536, 65_537, 200_001})
    void sealedInPlaceOrIntoABufferOpensWithOpen(int length) throws CorruptDataException {
        byte[] plain = random(length, length);

        byte[] into = new byte[length + CryptoKey.OVERHEAD + 10];
        key.sealInto(plain, 0, length, into, 7);
        assertThat(key.open(into, 7, length + CryptoKey.OVERHEAD)).isEqualTo(plain);

        byte[] buf = new byte[length + CryptoKey.OVERHEAD + 5];
        System.arraycopy(plain, 0, buf, 3 + CryptoKey.IV_LENGTH, length);
        key.sealInPlace(buf, 3, length);
        assertThat(key.open(buf, 3, length + CryptoKey.OVERHEAD)).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65_536, 65_537, 200_001})
    void openInPlaceLeavesThePlaintextAfterTheIv(int length) throws CorruptDataException {
        byte[] plain = random(length, 31L * length);
        byte[] sealed = key.seal(plain);
        byte[] buf = new byte[sealed.length + 4];
        System.arraycopy(sealed, 0, buf, 4, sealed.length);
        assertThat(key.openInPlace(buf, 4, sealed.length)).isEqualTo(length);
        assertThat(Arrays.copyOfRange(buf, 4 + CryptoKey.IV_LENGTH, 4 + CryptoKey.IV_LENGTH + length)).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 70_000})
    void openInPlaceRejectsATamperedMessage(int length) {
        byte[] sealed = key.seal(random(length, 5));
        sealed[CryptoKey.IV_LENGTH + length / 2] ^= 1;
        assertThatThrownBy(() -> key.openInPlace(sealed, 0, sealed.length)).isInstanceOf(CorruptDataException.class);
        assertThatThrownBy(() -> key.openInPlace(new byte[10], 0, 10)).isInstanceOf(CorruptDataException.class);
    }
}
