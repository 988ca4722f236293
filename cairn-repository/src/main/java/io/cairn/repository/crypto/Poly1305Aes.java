package io.cairn.repository.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * restic's MAC: Poly1305-AES, i.e. Poly1305 keyed by r and s = AES_k(nonce). One instance per key pair;
 * safe to share between threads.
 *
 * <p>The JDK has its own Poly1305 (for ChaCha20-Poly1305) that HotSpot replaces with an AVX-512/AVX2 stub in
 * C2 code, several times faster than BouncyCastle's portable Java: the MAC over every stored byte was 8% of a
 * backup's CPU. That class is internal, so it is reached through java.base's {@code com.sun.crypto.provider}
 * package, which the {@code cairn} launcher and the jar's manifest open ({@code Add-Opens}). Where it is not
 * open (Cairn embedded as a library), BouncyCastle computes the same tag.
 */
final class Poly1305Aes {
    private static final MethodHandle NEW_JDK_POLY;
    private static final MethodHandle INIT;
    private static final MethodHandle UPDATE;
    private static final MethodHandle FINISH;

    static {
        MethodHandle create = null;
        MethodHandle init = null;
        MethodHandle update = null;
        MethodHandle finish = null;
        try {
            Class<?> poly = Class.forName("com.sun.crypto.provider.Poly1305");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(poly, MethodHandles.lookup());
            MethodType newType = MethodType.methodType(Object.class);
            try {
                // (false): no refusal of an all-zero r or s, which restic accepts (chance 2^-100)
                create = MethodHandles.insertArguments(
                        lookup.findConstructor(poly, MethodType.methodType(void.class, boolean.class)), 0, false)
                        .asType(newType);
            } catch (NoSuchMethodException e) {
                create = lookup.findConstructor(poly, MethodType.methodType(void.class)).asType(newType);
            }
            init = lookup.findVirtual(poly, "engineInit",
                            MethodType.methodType(void.class, Key.class, AlgorithmParameterSpec.class))
                    .asType(MethodType.methodType(void.class, Object.class, Key.class, AlgorithmParameterSpec.class));
            update = lookup.findVirtual(poly, "engineUpdate",
                            MethodType.methodType(void.class, byte[].class, int.class, int.class))
                    .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class, int.class));
            finish = lookup.findVirtual(poly, "engineDoFinal", MethodType.methodType(byte[].class))
                    .asType(MethodType.methodType(byte[].class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            create = null; // not opened to us, or a JDK without it: BouncyCastle
        }
        NEW_JDK_POLY = create;
        INIT = init;
        UPDATE = update;
        FINISH = finish;
    }

    private static final ThreadLocal<Object> JDK_POLY = ThreadLocal.withInitial(Poly1305Aes::newJdkPoly);

    /** r ‖ k, the layout BouncyCastle's Poly1305(AES) expects. */
    private final byte[] rk;
    private final byte[] r;
    private final SecretKeySpec k;
    /** AES_k for the nonces, per thread (the key schedule is computed once). */
    private final ThreadLocal<Cipher> nonceCipher;

    /** @param r 16 bytes, already clamped; @param k the 16-byte AES key for the nonces */
    Poly1305Aes(byte[] r, byte[] k) {
        this.r = r.clone();
        this.k = new SecretKeySpec(k, "AES");
        this.rk = new byte[32];
        System.arraycopy(r, 0, rk, 0, 16);
        System.arraycopy(k, 0, rk, 16, 16);
        this.nonceCipher = ThreadLocal.withInitial(this::newNonceCipher);
    }

    /** Whether tags come from the JDK's intrinsic Poly1305 (else from BouncyCastle's). */
    static boolean usesJdk() {
        return NEW_JDK_POLY != null;
    }

    /** Writes the 16-byte tag of {@code in[inOff, inOff+len)} under {@code nonce} to {@code out[outOff..]}. */
    void mac(byte[] nonce, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (NEW_JDK_POLY == null) {
            macPortable(nonce, in, inOff, len, out, outOff);
            return;
        }
        byte[] rs = new byte[32];
        System.arraycopy(r, 0, rs, 0, 16);
        try {
            nonceCipher.get().doFinal(nonce, 0, 16, rs, 16);
            Object poly = JDK_POLY.get();
            INIT.invokeExact(poly, (Key) new SecretKeySpec(rs, "Poly1305"), (AlgorithmParameterSpec) null);
            // in slices, so the calls reach the intrinsic once C2 has compiled engineUpdate (see JitWarmup)
            for (int done = 0; done < len; done += JitWarmup.SLICE) {
                UPDATE.invokeExact(poly, in, inOff + done, Math.min(JitWarmup.SLICE, len - done));
            }
            byte[] tag = (byte[]) FINISH.invokeExact(poly);
            System.arraycopy(tag, 0, out, outOff, 16);
        } catch (GeneralSecurityException e) {
            macPortable(nonce, in, inOff, len, out, outOff); // an all-zero r or s that an older JDK refuses
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Poly1305-AES failed", e);
        }
    }

    /** BouncyCastle's Poly1305-AES: the fallback, and the reference the JDK path is tested against. */
    void macPortable(byte[] nonce, byte[] in, int inOff, int len, byte[] out, int outOff) {
        Poly1305 poly = new Poly1305(AESEngine.newInstance());
        poly.init(new ParametersWithIV(new KeyParameter(rk), nonce));
        poly.update(in, inOff, len);
        poly.doFinal(out, outOff);
    }

    private Cipher newNonceCipher() {
        try {
            Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, k);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES", e);
        }
    }

    private static Object newJdkPoly() {
        try {
            return (Object) NEW_JDK_POLY.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create the JDK's Poly1305", e);
        }
    }
}
