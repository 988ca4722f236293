package io.cairn.repository.key;

import io.cairn.repository.crypto.CryptoKey;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import io.cairn.repository.crypto.Scrypt;

/**
 * scrypt cost parameters of a key file ({@code N}, {@code r}, {@code p}). restic calibrates them when it writes
 * a key; Cairn writes {@link #DEFAULT} and opens keys with any parameters restic itself accepts.
 */
public record ScryptParams(int n, int r, int p) {
    /** Sane fixed defaults for new keys: 32 MiB of memory, about 0.1 s per derivation. */
    public static final ScryptParams DEFAULT = new ScryptParams(32768, 8, 1);
    /** Bytes of scrypt output: AES-256 key, then Poly1305-AES k and r. */
    static final int DERIVED_LENGTH = 64;
    /** restic refuses other salt lengths. */
    static final int SALT_LENGTH = 64;

    /** Accepts what restic's KDF accepts (simple-scrypt's Params.Check): N a power of two above 1, r, p ≥ 1. */
    public ScryptParams {
        if (n <= 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("scrypt N must be a power of two greater than 1, got " + n);
        }
        if (r < 1 || p < 1 || (long) r * p >= 1L << 30) {
            throw new IllegalArgumentException("scrypt r and p must be positive with r*p < 2^30, got r=" + r + " p=" + p);
        }
    }

    /** Derives the user key that seals a key file's master key from the password (as UTF-8, like Go's []byte(string)). */
    CryptoKey derive(char[] password, byte[] salt) {
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("scrypt salt must be " + SALT_LENGTH + " bytes, got " + salt.length);
        }
        byte[] pw = utf8(password);
        byte[] derived = null;
        try {
            derived = Scrypt.derive(pw, salt, n, r, p, DERIVED_LENGTH);
            return CryptoKey.fromDerived(derived);
        } finally {
            Arrays.fill(pw, (byte) 0);
            if (derived != null) {
                Arrays.fill(derived, (byte) 0);
            }
        }
    }

    /** UTF-8 bytes of the password; the intermediate buffer is wiped. */
    static byte[] utf8(char[] password) {
        ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = Arrays.copyOfRange(buf.array(), buf.position(), buf.limit());
        Arrays.fill(buf.array(), (byte) 0);
        return out;
    }
}
