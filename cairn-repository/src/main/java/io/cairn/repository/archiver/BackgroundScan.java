package io.cairn.repository.archiver;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Counts the regular files and their bytes under the backup targets in a daemon thread, so a progress
 * display can show a percentage and an ETA. Runs beside the archiver and may finish after it.
 */
final class BackgroundScan {
    private volatile long files;
    private volatile long bytes;
    private volatile boolean complete;
    private volatile boolean stopped;
    private final Thread thread;

    private BackgroundScan(List<Path> roots, ArchiveListener listener) {
        thread = new Thread(() -> scan(roots, listener), "cairn-archiver-scan");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    static BackgroundScan start(List<Path> roots, ArchiveListener listener) {
        BackgroundScan s = new BackgroundScan(roots, listener);
        s.thread.start();
        return s;
    }

    private void scan(List<Path> roots, ArchiveListener listener) {
        SimpleFileVisitor<Path> visitor = new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return stopped ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files = files + 1;
                    bytes = bytes + attrs.size();
                }
                return stopped ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        };
        for (Path root : roots) {
            try {
                Files.walkFileTree(root, visitor);
            } catch (IOException | RuntimeException e) {
                // counting is best effort; the archiver reports real problems
            }
        }
        if (!stopped) {
            complete = true;
            listener.scanFinished(files, bytes);
        }
    }

    long files() {
        return files;
    }

    long bytes() {
        return bytes;
    }

    boolean complete() {
        return complete;
    }

    void stop() {
        stopped = true;
    }
}
