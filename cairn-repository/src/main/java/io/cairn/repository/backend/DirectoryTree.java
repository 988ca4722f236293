package io.cairn.repository.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A local directory and everything below it, as one thing to remove. */
public final class DirectoryTree {
    private DirectoryTree() {
    }

    /** Removes {@code dir} and all it holds, children first, without following symlinks; nothing if it is gone. */
    public static void remove(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
