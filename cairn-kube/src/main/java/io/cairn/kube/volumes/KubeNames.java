package io.cairn.kube.volumes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Names of the temporary objects Cairn creates: valid DNS labels, at most 63 characters, unique per input. */
final class KubeNames {
    private static final int MAX = 63;

    private KubeNames() {
    }

    /** "cairn-" + the parts joined by "-", lower-cased; shortened with a hash suffix when too long. */
    static String of(String... parts) {
        String joined = "cairn-" + String.join("-", parts).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (joined.length() <= MAX) {
            return joined;
        }
        String hash = hash(joined);
        return joined.substring(0, MAX - hash.length() - 1).replaceAll("-+$", "") + "-" + hash;
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
