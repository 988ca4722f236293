package io.cairn.repository.crypto;

import io.cairn.repository.CorruptDataException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * restic's authenticated encryption: AES-256-CTR with a random 16-byte IV, then Poly1305-AES over the
 * ciphertext keyed by (k, r) with the IV as nonce. A sealed message is {@code IV ‖ ciphertext ‖ MAC}.
 * The same scheme protects the master key (under a key derived by scrypt) and everything else (under the
 * master key). Immutable and safe to share between threads.
 */
public final class CryptoKey {
    public static final int IV_LENGTH = 16;
    public static final int MAC_LENGTH = 16;
    /** Bytes a sealed message adds to its plaintext. */
    public static final int OVERHEAD = IV_LENGTH + MAC_LENGTH;

    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        JitWarmup.ensureStarted();
    }
    private static final ThreadLocal<Cipher> AES_CTR = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/CTR", e);
        }
    });

    private final SecretKeySpec encryptionKey;
    private final byte[] encryptionKeyBytes;
    private final byte[] macK;
    private final byte[] macR;
    private final Poly1305Aes poly;

    /** @param encryption 32 bytes; @param macK 16 bytes (AES key for the nonce); @param macR 16 bytes (clamped on use) */
    public CryptoKey(byte[] encryption, byte[] macK, byte[] macR) {
        if (encryption.length != 32 || macK.length != 16 || macR.length != 16) {
            throw new IllegalArgumentException("key sizes must be 32/16/16 bytes");
        }
        this.encryptionKeyBytes = encryption.clone();
        this.encryptionKey = new SecretKeySpec(encryptionKeyBytes, "AES");
        this.macK = macK.clone();
        this.macR = clamp(macR.clone());
        this.poly = new Poly1305Aes(this.macR, this.macK);
    }

    /** A fresh random key, as {@code restic init} makes for a new repository's master key. */
    public static CryptoKey random() {
        byte[] enc = new byte[32];
        byte[] k = new byte[16];
        byte[] r = new byte[16];
        RANDOM.nextBytes(enc);
        RANDOM.nextBytes(k);
        RANDOM.nextBytes(r);
        return new CryptoKey(enc, k, r);
    }

    /** Splits 64 bytes of scrypt output into encryption key, MAC k and MAC r, as restic does. */
    public static CryptoKey fromDerived(byte[] derived) {
        if (derived.length != 64) {
            throw new IllegalArgumentException("derived key must be 64 bytes");
        }
        return new CryptoKey(Arrays.copyOfRange(derived, 0, 32), Arrays.copyOfRange(derived, 32, 48),
                Arrays.copyOfRange(derived, 48, 64));
    }

    private static byte[] clamp(byte[] r) {
        r[3] &= 15;
        r[7] &= 15;
        r[11] &= 15;
        r[15] &= 15;
        r[4] &= (byte) 252;
        r[8] &= (byte) 252;
        r[12] &= (byte) 252;
        return r;
    }

    public byte[] encryptionKey() {
        return encryptionKeyBytes.clone();
    }

    public byte[] macK() {
        return macK.clone();
    }

    public byte[] macR() {
        return macR.clone();
    }

    /** Encrypts and authenticates {@code plaintext}; the result is {@link #OVERHEAD} bytes longer. */
    public byte[] seal(byte[] plaintext) {
        return seal(plaintext, 0, plaintext.length);
    }

    public byte[] seal(byte[] plaintext, int offset, int length) {
        byte[] out = new byte[length + OVERHEAD];
        byte[] iv = new byte[IV_LENGTH];
        RANDOM.nextBytes(iv);
        System.arraycopy(iv, 0, out, 0, IV_LENGTH);
        ctr(iv, plaintext, offset, length, out, IV_LENGTH);
        mac(iv, out, IV_LENGTH, length, out, IV_LENGTH + length);
        return out;
    }

    /**
     * Seals {@code plaintext[offset, offset+length)} into {@code out[at, at + length + OVERHEAD)} without
     * allocating the output: for callers that reuse one buffer for many messages.
     */
    public void sealInto(byte[] plaintext, int offset, int length, byte[] out, int at) {
        byte[] iv = new byte[IV_LENGTH];
        RANDOM.nextBytes(iv);
        ctr(iv, plaintext, offset, length, out, at + IV_LENGTH);
        System.arraycopy(iv, 0, out, at, IV_LENGTH);
        mac(iv, out, at + IV_LENGTH, length, out, at + IV_LENGTH + length);
    }

    /**
     * Seals the plaintext at {@code buf[at + IV_LENGTH, at + IV_LENGTH + length)} in place: the IV goes in front
     * of it and the MAC after it, so the sealed message is {@code buf[at, at + length + OVERHEAD)}.
     */
    public void sealInPlace(byte[] buf, int at, int length) {
        sealInto(buf, at + IV_LENGTH, length, buf, at); // CTR may work in place
    }

    /** Verifies and decrypts a sealed message; throws {@link CorruptDataException} when the MAC does not match. */
    public byte[] open(byte[] sealed) throws CorruptDataException {
        return open(sealed, 0, sealed.length);
    }

    public byte[] open(byte[] sealed, int offset, int length) throws CorruptDataException {
        byte[] iv = verify(sealed, offset, length);
        byte[] out = new byte[length - OVERHEAD];
        ctr(iv, sealed, offset + IV_LENGTH, out.length, out, 0);
        return out;
    }

    /**
     * Verifies the sealed message at {@code buf[offset, offset+length)} and decrypts it in place: the plaintext
     * is then at {@code buf[offset + IV_LENGTH, offset + IV_LENGTH + result)}. Nothing is allocated besides the
     * cipher's state, so a caller that reads many blobs keeps no per-blob garbage.
     *
     * @return the plaintext length, {@code length - OVERHEAD}
     */
    public int openInPlace(byte[] buf, int offset, int length) throws CorruptDataException {
        byte[] iv = verify(buf, offset, length);
        int ctLength = length - OVERHEAD;
        ctr(iv, buf, offset + IV_LENGTH, ctLength, buf, offset + IV_LENGTH); // CTR may work in place
        return ctLength;
    }

    /** Checks the MAC of the sealed message at {@code buf[offset, offset+length)}; returns its IV. */
    private byte[] verify(byte[] buf, int offset, int length) throws CorruptDataException {
        if (length < OVERHEAD) {
            throw new CorruptDataException("ciphertext too short (" + length + " bytes)");
        }
        byte[] iv = Arrays.copyOfRange(buf, offset, offset + IV_LENGTH);
        int ctLength = length - OVERHEAD;
        byte[] expected = new byte[MAC_LENGTH];
        mac(iv, buf, offset + IV_LENGTH, ctLength, expected, 0);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(buf, offset + IV_LENGTH + ctLength, offset + length))) {
            throw new CorruptDataException("ciphertext verification failed (MAC mismatch)");
        }
        return iv;
    }

    private void ctr(byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            Cipher c = AES_CTR.get();
            c.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(iv));
            if (in == out && inOff == outOff) {
                ctrInPlace(c, out, outOff, len);
                return;
            }
            // in slices, so the calls reach the AES-NI intrinsic once it is compiled (see JitWarmup)
            int done = 0;
            while (len - done > JitWarmup.SLICE) {
                done += c.update(in, inOff + done, JitWarmup.SLICE, out, outOff + done);
            }
            c.doFinal(in, inOff + done, len - done, out, outOff + done);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        }
    }

    /**
     * CTR in place, slice by slice through a thread-local slice buffer: given the same array for input and
     * output, the JDK's cipher copies every input slice into a fresh array first.
     */
    private static void ctrInPlace(Cipher c, byte[] buf, int off, int len) throws GeneralSecurityException {
        byte[] slice = SLICE_BUFFER.get();
        int done = 0;
        while (done < len) {
            int n = Math.min(JitWarmup.SLICE, len - done);
            int produced = done + n < len ? c.update(buf, off + done, n, slice, 0) : c.doFinal(buf, off + done, n, slice, 0);
            System.arraycopy(slice, 0, buf, off + done, produced);
            done += n;
        }
        if (len == 0) {
            c.doFinal(buf, off, 0, slice, 0);
        }
    }

    private static final ThreadLocal<byte[]> SLICE_BUFFER = ThreadLocal.withInitial(() -> new byte[JitWarmup.SLICE]);

    private void mac(byte[] nonce, byte[] in, int inOff, int len, byte[] out, int outOff) {
        poly.mac(nonce, in, inOff, len, out, outOff);
    }
}
