package io.cairn.repository.restorer;

/**
 * Progress of a restore, for the CLI's progress bar or the operator's status. Every method has a do-nothing
 * default. The restorer serialises its calls, so implementations need not be thread-safe, but they should
 * be quick: {@link #progress} is called after every blob written.
 */
public interface RestoreListener {
    RestoreListener NONE = new RestoreListener() {
    };

    /** Totals from a walk of the trees, before any content is written. */
    default void started(long totalFiles, long totalBytes) {
    }

    /** Regular files finished and content bytes written so far. */
    default void progress(long filesDone, long bytesDone) {
    }

    /** A problem with one entry (path relative to the target) that did not stop the restore. */
    default void warning(String path, String message) {
    }

    default void finished(RestoreResult result) {
    }
}
