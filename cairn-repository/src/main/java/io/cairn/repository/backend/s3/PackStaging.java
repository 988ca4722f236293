package io.cairn.repository.backend.s3;

import io.cairn.repository.backend.DirectoryTree;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local directory where packs for an object store grow before they are uploaded: one per process, named
 * {@code cairn-packs-<random>} in the temporary directory, with a {@value #LOCK} file its process holds a
 * lock on while it lives. The process removes the directory on {@link #close()}; one killed before that
 * leaves it behind, and the next one to make a staging directory removes every such directory whose lock
 * nobody holds. The kernel drops a process's locks when it dies, also for containers that share the
 * temporary directory, whatever their PIDs.
 */
final class PackStaging implements Closeable {
    static final String PREFIX = "cairn-packs-";
    static final String LOCK = ".lock";

    private final Path dir;
    private final FileChannel lockChannel;

    private PackStaging(Path dir, FileChannel lockChannel) {
        this.dir = dir;
        this.lockChannel = lockChannel;
    }

    /**
     * A fresh staging directory under {@code tmp}, after removing abandoned ones there. It is made and locked
     * under another name and then renamed, so no sweeper ever sees it unlocked.
     */
    static PackStaging create(Path tmp) throws IOException {
        removeAbandoned(tmp);
        Path setup = Files.createTempDirectory(tmp, ".cairn-packs-setup-");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(setup.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.lock();
            Path dir = tmp.resolve(PREFIX + setup.getFileName().toString().substring(".cairn-packs-setup-".length()));
            Files.move(setup, dir, StandardCopyOption.ATOMIC_MOVE);
            return new PackStaging(dir, channel);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            DirectoryTree.remove(setup);
            throw e;
        }
    }

    Path directory() {
        return dir;
    }

    /** Releases the lock and removes the directory with whatever is left in it. */
    @Override
    public void close() throws IOException {
        try {
            lockChannel.close();
        } finally {
            DirectoryTree.remove(dir);
        }
    }

    /** Removes the staging directories under {@code tmp} whose process is gone; best effort, one at a time. */
    static void removeAbandoned(Path tmp) {
        List<Path> dirs;
        try (Stream<Path> list = Files.list(tmp)) {
            dirs = list.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList();
        } catch (IOException e) {
            return;
        }
        for (Path dir : dirs) {
            try {
                if (abandoned(dir)) {
                    DirectoryTree.remove(dir);
                }
            } catch (IOException | RuntimeException e) {
                // another user's, or being removed by someone else: left alone
            }
        }
    }

    /** Whether nobody holds the directory's lock (a directory without one, of an older version, is left alone). */
    private static boolean abandoned(Path dir) throws IOException {
        Path lock = dir.resolve(LOCK);
        if (!Files.isRegularFile(lock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return false; // another process lives
            }
            held.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this process's own
        }
    }
}
