package io.cairn.repository.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * scrypt (RFC 7914) with its large table outside the Java heap.
 *
 * <p>ROMix needs a table of {@code 128·r·N} bytes (32 MiB for restic's usual N = 2^15, r = 8) once per
 * command, to open the repository, and that table was the peak of every command that does little else (an
 * unchanged re-backup, {@code snapshots}). Two things keep it small. Only every other entry is stored (half
 * the memory for 25% more scrypt work, about 30 ms). And the table is a direct buffer: on the heap its arrays
 * were promoted and stayed in the old generation as garbage until a full collection, which a short command
 * never makes; native memory goes back to the operating system once the next young collection finds the
 * buffer unreachable. The arithmetic is BouncyCastle's (Salsa20/8 core, PBKDF2-HMAC-SHA256) on small
 * int arrays; only whole blocks are copied to and from the table.
 */
public final class Scrypt {
    private Scrypt() {
    }

    /**
     * The scrypt key derivation. {@code n} must be a power of two above 1; {@code r} and {@code p} positive.
     *
     * @return {@code length} bytes of derived key
     */
    public static byte[] derive(byte[] password, byte[] salt, int n, int r, int p, int length) {
        if (n < 2 || Integer.bitCount(n) != 1 || r < 1 || p < 1 || (long) r * p >= 1L << 30) {
            throw new IllegalArgumentException("invalid scrypt parameters N=" + n + " r=" + r + " p=" + p);
        }
        int blockWords = 32 * r;
        byte[] b = pbkdf2(password, salt, p * 4 * blockWords);
        int[] x = new int[blockWords];
        long tableBytes = (long) (n / 2) * blockWords * Integer.BYTES;
        if (tableBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("scrypt N=" + n + " r=" + r + " needs more than 2 GiB");
        }
        try {
            IntBuffer table = ByteBuffer.allocateDirect((int) tableBytes).order(ByteOrder.nativeOrder()).asIntBuffer();
            for (int i = 0; i < p; i++) {
                int offset = i * 4 * blockWords;
                for (int w = 0; w < blockWords; w++) {
                    x[w] = littleEndianInt(b, offset + 4 * w);
                }
                romix(x, table, n, r);
                for (int w = 0; w < blockWords; w++) {
                    putLittleEndianInt(x[w], b, offset + 4 * w);
                }
            }
            return pbkdf2(password, b, length);
        } finally {
            Arrays.fill(b, (byte) 0);
            Arrays.fill(x, 0);
        }
    }

    /**
     * RFC 7914 section 5: X (in {@code x}) becomes ROMix(X). Only the even-numbered V_i are stored, which halves
     * the table; an odd V_j is recomputed from V_(j-1) when the second loop needs it (one BlockMix more for half
     * of its steps: 2.5 N BlockMix calls instead of 2 N). The result is the same.
     */
    private static void romix(int[] x, IntBuffer table, int n, int r) {
        int blockWords = x.length;
        int[] t = new int[blockWords];
        int[] y = new int[blockWords];
        int[] x1 = new int[16];
        int[] x2 = new int[16];
        for (int i = 0; i < n; i++) {
            if ((i & 1) == 0) {
                table.put((i >>> 1) * blockWords, x, 0, blockWords);
            }
            blockMix(x, x1, x2, y, r);
        }
        int mask = n - 1;
        for (int i = 0; i < n; i++) {
            int j = x[blockWords - 16] & mask; // Integerify: the first word of the last 64-byte block
            table.get((j >>> 1) * blockWords, t, 0, blockWords);
            if ((j & 1) != 0) {
                blockMix(t, x1, x2, y, r); // V_j = BlockMix(V_(j-1))
            }
            for (int w = 0; w < blockWords; w++) {
                x[w] ^= t[w];
            }
            blockMix(x, x1, x2, y, r);
        }
        Arrays.fill(t, 0);
        Arrays.fill(y, 0);
        Arrays.fill(x1, 0);
        Arrays.fill(x2, 0);
    }

    /** RFC 7914 section 4 with Salsa20/8: B becomes BlockMix(B); y is scratch of B's size. */
    private static void blockMix(int[] b, int[] x1, int[] x2, int[] y, int r) {
        System.arraycopy(b, b.length - 16, x1, 0, 16);
        int half = b.length >>> 1;
        for (int i = 0; i < 2 * r; i++) {
            int from = 16 * i;
            for (int w = 0; w < 16; w++) {
                x2[w] = x1[w] ^ b[from + w];
            }
            Salsa20Engine.salsaCore(8, x2, x1);
            // even blocks go to the first half of the output, odd ones to the second
            System.arraycopy(x1, 0, y, (i & 1) == 0 ? 8 * i : half + 8 * (i - 1), 16);
        }
        System.arraycopy(y, 0, b, 0, b.length);
    }

    private static byte[] pbkdf2(byte[] password, byte[] salt, int length) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(password, salt, 1);
        return ((KeyParameter) generator.generateDerivedMacParameters(length * 8)).getKey();
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static void putLittleEndianInt(int v, byte[] b, int at) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
