package io.cairn.repository.backend.s3;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local directories where packs for an object store grow before they are uploaded: one per process,
 * named {@code cairn-packs-<pid>-<random>} in the temporary directory. A process removes its own on close; one
 * killed before that leaves it behind, so the next process to make one removes those whose process is gone
 * and that nobody has written to for {@link #ABANDONED_AFTER} (the age is the guard against a live process
 * in another PID namespace that shares the temporary directory).
 */
final class PackStaging {
    static final String PREFIX = "cairn-packs-";
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private PackStaging() {
    }

    /** A fresh staging directory for this process under {@code tmp}, after removing abandoned ones there. */
    static Path create(Path tmp) throws IOException {
        removeAbandoned(tmp, Instant.now());
        return Files.createTempDirectory(tmp, PREFIX + ProcessHandle.current().pid() + "-");
    }

    /** Removes the staging directories under {@code tmp} left by processes that are gone; best effort. */
    static void removeAbandoned(Path tmp, Instant now) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                Optional<Long> pid = ownerPid(dir.getFileName().toString());
                if (pid.isEmpty() || ProcessHandle.of(pid.get()).isPresent()) {
                    continue;
                }
                if (Files.getLastModifiedTime(dir).toInstant().isAfter(now.minus(ABANDONED_AFTER))) {
                    continue;
                }
                removeTree(dir);
            }
        } catch (IOException | RuntimeException e) {
            // someone else's directory, or one being removed concurrently: left for later
        }
    }

    static void removeTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The PID in {@code cairn-packs-<pid>-<random>}; empty for other names (e.g. those of older versions). */
    static Optional<Long> ownerPid(String name) {
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
