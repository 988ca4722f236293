package io.cairn.repository.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gets the JDK's AES-CTR, SHA-256 and Poly1305 onto their hardware intrinsics early.
 *
 * <p>HotSpot replaces {@code CounterMode.implCrypt} and {@code DigestBase.implCompressMultiBlock0} with
 * AES-NI / SHA-NI stubs only in C2-compiled callers, and C2 compiles a method only after thousands of calls.
 * A backup makes few, huge calls (one per chunk), so without help most data goes through the interpreted
 * Java loop: measured 353 MB/s for AES-CTR instead of 3.8 GB/s. A daemon thread therefore makes a few
 * thousand tiny calls (~20 ms of CPU) at class-load time, and the hot paths feed the JDK in
 * {@link #SLICE}-byte pieces so every piece is a fresh call that can enter the compiled code.
 */
public final class JitWarmup {
    /** Bytes per cipher or digest call on the hot paths. */
    public static final int SLICE = 64 * 1024;
    private static final int ROUNDS = 6000;

    static {
        Thread t = new Thread(JitWarmup::run, "cairn-jit-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private JitWarmup() {
    }

    /** Starts the warm-up (once per JVM); returns at once. */
    public static void ensureStarted() {
        // the static initialiser does the work
    }

    private static void run() {
        try {
            byte[] buf = new byte[256];
            byte[] out = new byte[256];
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] r = new byte[16];
            r[0] = 1;
            Poly1305Aes poly = new Poly1305Aes(r, new byte[16]);
            byte[] nonce = new byte[16];
            byte[] tag = new byte[16];
            for (int i = 0; i < ROUNDS; i++) {
                buf[0] = (byte) i;
                c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(new byte[16]));
                c.update(buf, 0, 128, out, 0);
                c.doFinal(buf, 128, 64, out, 128);
                sha.update(buf, 0, 256);
                sha.digest();
                poly.mac(nonce, buf, 0, 160, tag, 0);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // only a missed speed-up
        }
    }
}
