package io.cairn.repository;

import io.cairn.repository.crypto.JitWarmup;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte SHA-256 identifier, as restic uses for blobs, packs, snapshots, keys and index files.
 * Immutable; {@link #toString()} is the lowercase hex form used in file names and JSON.
 */
public final class Id implements Comparable<Id> {
    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hash;

    private Id(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Wraps a copy of exactly {@value #LENGTH} bytes. */
    public static Id of(byte[] bytes) {
        return of(bytes, 0);
    }

    /** Reads {@value #LENGTH} bytes starting at {@code offset}. */
    public static Id of(byte[] buf, int offset) {
        if (buf.length - offset < LENGTH) {
            throw new IllegalArgumentException("an ID needs " + LENGTH + " bytes");
        }
        return new Id(Arrays.copyOfRange(buf, offset, offset + LENGTH));
    }

    /** Parses 64 hex digits; throws {@link IllegalArgumentException} on anything else. */
    public static Id parse(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("not a 64-digit hex ID: " + hex);
        }
        return new Id(HEX.parseHex(hex));
    }

    /** SHA-256 of the whole array. */
    public static Id hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** SHA-256 of {@code data[offset, offset+length)}. */
    public static Id hash(byte[] data, int offset, int length) {
        MessageDigest sha = sha256();
        update(sha, data, offset, length);
        return new Id(sha.digest());
    }

    /**
     * Feeds {@code data[offset, offset+length)} to {@code sha} in slices, so the calls reach the SHA-NI
     * intrinsic once it is compiled (see {@link JitWarmup}).
     */
    public static void update(MessageDigest sha, byte[] data, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i += JitWarmup.SLICE) {
            sha.update(data, i, Math.min(JitWarmup.SLICE, end - i));
        }
    }

    public static MessageDigest sha256() {
        JitWarmup.ensureStarted();
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Writes the 32 bytes into {@code dst} at {@code offset}. */
    public void writeTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, LENGTH);
    }

    /** The first 8 hex digits, as restic prints short IDs. */
    public String shortString() {
        return toString().substring(0, 8);
    }

    @Override
    public String toString() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Id other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Id o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }
}
