package io.cairn.kube.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Small directory trees standing for volume contents, and a byte-for-byte comparison. */
public final class VolumeTrees {
    /** Content bytes of {@link #sample}: 3 files. */
    public static final long SAMPLE_BYTES = 200_000 + 11 + 0;

    private VolumeTrees() {
    }

    /** A directory with a binary file, a text file in a subdirectory and an empty file; content varies by seed. */
    public static Path sample(Path dir, long seed) throws IOException {
        Files.createDirectories(dir.resolve("sub/deeper"));
        byte[] data = new byte[200_000];
        new Random(seed).nextBytes(data);
        Files.write(dir.resolve("data.bin"), data);
        Files.writeString(dir.resolve("sub/deeper/note.txt"), String.format("seed %6d", seed));
        Files.write(dir.resolve("sub/empty"), new byte[0]);
        return dir;
    }

    /** Relative path → content (directories as "dir/"). */
    public static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(p -> !p.equals(dir)).toList()) {
                String rel = dir.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    out.put(rel + "/", "");
                } else {
                    out.put(rel, java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public static void assertSameTree(Path expected, Path actual) throws IOException {
        assertThat(contents(actual)).isEqualTo(contents(expected));
    }
}
