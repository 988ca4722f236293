package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Builds a directory with every kind of entry a backup must keep, and compares two such trees. */
final class TreeFixture {
    private TreeFixture() {
    }

    static Path create(Path dir, long seed) throws IOException {
        Random rnd = new Random(seed);
        Files.createDirectories(dir.resolve("db/pages"));
        Files.createDirectories(dir.resolve("empty-dir"));
        Files.createDirectories(dir.resolve("logs"));
        Files.write(dir.resolve("empty-file"), new byte[0]);
        Files.writeString(dir.resolve("hello.txt"), "hello, cairn\n");
        Files.write(dir.resolve("db/pages/big.bin"), random(rnd, 12 * 1024 * 1024 + 17));
        Files.write(dir.resolve("db/pages/medium.bin"), random(rnd, 3 * 1024 * 1024));
        byte[] repeated = random(rnd, 700 * 1024);
        byte[] twice = new byte[repeated.length * 3];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(repeated, 0, twice, i * repeated.length, repeated.length);
        }
        Files.write(dir.resolve("db/repeated.bin"), twice);
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            log.append("2026-11-26T10:00:").append(i % 60).append(" INFO request ").append(i).append(" ok\n");
        }
        Files.writeString(dir.resolve("logs/app.log"), log);
        for (int i = 0; i < 50; i++) {
            Files.writeString(dir.resolve("logs/small-" + i + ".txt"), "entry " + i + "\n".repeat(i));
        }
        Files.createSymbolicLink(dir.resolve("link-to-hello"), Path.of("hello.txt"));
        Files.createSymbolicLink(dir.resolve("dangling-link"), Path.of("does/not/exist"));
        Files.createLink(dir.resolve("hardlink-to-hello"), dir.resolve("hello.txt"));
        Files.setPosixFilePermissions(dir.resolve("logs/app.log"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(dir.resolve("db/pages/medium.bin"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.setLastModifiedTime(dir.resolve("db/pages/big.bin"), FileTime.from(Instant.parse("2024-02-29T12:34:56.123456789Z")));
        Files.setLastModifiedTime(dir.resolve("empty-dir"), FileTime.from(Instant.parse("2023-01-01T00:00:00Z")));
        return dir;
    }

    static byte[] random(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    /** Asserts that {@code actual} holds the same entries as {@code expected}: types, bytes, modes, mtimes, links. */
    static void assertSameTree(Path expected, Path actual) throws IOException {
        List<Path> expectedEntries = relativeEntries(expected);
        assertThat(relativeEntries(actual)).containsExactlyElementsOf(expectedEntries);
        for (Path rel : expectedEntries) {
            Path e = expected.resolve(rel);
            Path a = actual.resolve(rel);
            if (Files.isSymbolicLink(e)) {
                assertThat(Files.isSymbolicLink(a)).as("%s is a symlink", rel).isTrue();
                assertThat(Files.readSymbolicLink(a)).as("target of %s", rel).isEqualTo(Files.readSymbolicLink(e));
                continue;
            }
            assertThat(Files.getPosixFilePermissions(a, LinkOption.NOFOLLOW_LINKS)).as("mode of %s", rel)
                    .isEqualTo(Files.getPosixFilePermissions(e, LinkOption.NOFOLLOW_LINKS));
            if (Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS)) {
                assertThat(Files.mismatch(e, a)).as("content of %s", rel).isEqualTo(-1L);
            }
            assertThat(Files.getLastModifiedTime(a, LinkOption.NOFOLLOW_LINKS)).as("mtime of %s", rel)
                    .isEqualTo(Files.getLastModifiedTime(e, LinkOption.NOFOLLOW_LINKS));
        }
    }

    static List<Path> relativeEntries(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).map(root::relativize).sorted().toList();
        }
    }
}
