package io.cairn.repository.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.cairn.repository.BlobHandle;
import io.cairn.repository.BlobType;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.PackedBlob;
import io.cairn.repository.crypto.CryptoKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlobCodecTest {
    private final CryptoKey key = CryptoKey.random();
    private final byte[] plain = "a line that repeats, a line that repeats, a line that repeats\n".repeat(50)
            .getBytes(StandardCharsets.UTF_8);
    private final Id pack = Id.hash(new byte[] {9});

    private PackedBlob at(byte[] sealed, int uncompressedLength) {
        return new PackedBlob(new BlobHandle(BlobType.DATA, Id.hash(plain)), pack, 0, sealed.length, uncompressedLength);
    }

    @Test
    void opensCompressedBlobsOneAfterAnotherOnTheSameThread() throws Exception {
        byte[] sealed = key.seal(Zstd.compress(plain, 1));
        for (int i = 0; i < 3; i++) {
            assertThat(BlobCodec.open(key, sealed, at(sealed, plain.length))).isEqualTo(plain);
        }
    }

    @Test
    void damagedZstdDataBehindAValidMacIsReportedAsCorrupt() throws Exception {
        byte[] frame = Zstd.compress(plain, 1);
        frame[frame.length / 2] ^= 0x55;
        frame[frame.length / 2 + 1] ^= 0x55;
        byte[] sealed = key.seal(frame);
        assertThatThrownBy(() -> BlobCodec.open(key, sealed, at(sealed, plain.length)))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("pack " + pack);
        // The thread's context still decodes the next, intact blob.
        byte[] good = key.seal(Zstd.compress(plain, 1));
        assertThat(BlobCodec.open(key, good, at(good, plain.length))).isEqualTo(plain);
    }

    @Test
    void aWrongUncompressedLengthIsReportedAsCorrupt() {
        byte[] sealed = key.seal(Zstd.compress(plain, 1));
        assertThatThrownBy(() -> BlobCodec.open(key, sealed, at(sealed, plain.length + 10)))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("zstd data is damaged");
    }
}
