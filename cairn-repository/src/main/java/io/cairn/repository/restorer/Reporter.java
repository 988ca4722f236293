package io.cairn.repository.restorer;

import java.util.ArrayList;
import java.util.List;

/** Counts progress and collects warnings for one restore; serialises calls into the listener. */
final class Reporter {
    private final RestoreListener listener;
    private final List<RestoreWarning> warnings = new ArrayList<>();
    private long filesDone;
    private long bytesDone;

    Reporter(RestoreListener listener) {
        this.listener = listener == null ? RestoreListener.NONE : listener;
    }

    synchronized void started(long totalFiles, long totalBytes) {
        listener.started(totalFiles, totalBytes);
    }

    synchronized void bytes(long n) {
        bytesDone += n;
        listener.progress(filesDone, bytesDone);
    }

    synchronized void fileDone() {
        filesDone++;
        listener.progress(filesDone, bytesDone);
    }

    synchronized void warning(Object path, String message) {
        RestoreWarning w = new RestoreWarning(path.toString(), message);
        warnings.add(w);
        listener.warning(w.path(), message);
    }

    synchronized long filesDone() {
        return filesDone;
    }

    synchronized long bytesDone() {
        return bytesDone;
    }

    synchronized List<RestoreWarning> warnings() {
        return List.copyOf(warnings);
    }

    synchronized void finished(RestoreResult result) {
        listener.finished(result);
    }
}
