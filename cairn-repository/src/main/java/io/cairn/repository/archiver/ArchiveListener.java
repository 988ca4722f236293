package io.cairn.repository.archiver;

import java.nio.file.Path;

/**
 * Receives progress from an {@link Archiver}. Every method has a do-nothing default. Calls come from the
 * archiver's worker threads, possibly concurrently; implementations must be thread-safe and quick.
 */
public interface ArchiveListener {
    ArchiveListener NONE = new ArchiveListener() { };

    /** Periodically (see {@link ArchiverOptions#progressInterval()}) and once at the end. */
    default void progress(ArchiveProgress progress) {
    }

    /** The background scan has finished: the totals to expect. May come after archiving started or ended. */
    default void scanFinished(long files, long bytes) {
    }

    /** A reader opens a regular file. */
    default void fileStarted(Path path) {
    }

    /**
     * A regular file is done: read and saved, or taken over from the parent snapshot ({@code unchanged}).
     * Not called for files skipped with a warning.
     */
    default void fileDone(Path path, long size, boolean unchanged) {
    }

    /** An entry was skipped or only partly saved; the backup goes on. */
    default void warning(Path path, String message) {
    }
}
