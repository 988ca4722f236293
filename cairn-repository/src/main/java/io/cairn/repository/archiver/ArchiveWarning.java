package io.cairn.repository.archiver;

import java.nio.file.Path;

/** Something that was skipped or only partly saved; the backup went on without it. */
public record ArchiveWarning(Path path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
