package io.cairn.repository.restorer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Creates entries below the restore target without ever following a symlink: an entry in the way is
 * removed (never written through), files are created with {@code O_CREAT|O_EXCL|O_NOFOLLOW}, and every
 * directory is checked to be a real directory after it is created or reused. Since entries are created
 * parents first, every parent of a new entry has passed that check.
 */
final class SafeFs {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;

    /** {@code root} must be a real path (no symlink in it). */
    SafeFs(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The absolute path of an entry; the planner guarantees {@code relative} holds only plain names. */
    Path resolve(Path relative) throws UnsafePathException {
        Path abs = root.resolve(relative).normalize();
        if (relative.isAbsolute() || !abs.startsWith(root) || abs.equals(root)) {
            throw new UnsafePathException("path " + relative + " is outside the restore target");
        }
        return abs;
    }

    /**
     * Reuses a real directory at {@code dir} or replaces whatever else is there with a new one. mkdir(2) comes
     * first (it never follows a symlink and fails on any existing entry), so a fresh target costs no lookup of
     * a missing name; whatever was made or found is then checked to be a real directory.
     */
    void ensureDirectory(Path dir) throws IOException {
        checkParent(dir);
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            BasicFileAttributes attrs = attributes(dir);
            if (attrs == null || !attrs.isDirectory()) {
                if (attrs != null) {
                    Files.delete(dir);
                }
                Files.createDirectory(dir);
            }
        }
        BasicFileAttributes now = attributes(dir);
        if (now == null || !now.isDirectory()) {
            throw new UnsafePathException("path " + root.relativize(dir) + " is not a real directory after creating it");
        }
    }

    /**
     * Creates a regular file of {@code length} bytes (all a hole), replacing a file, symlink or other
     * non-directory entry of that name. The exclusive create comes first ({@code O_EXCL} fails on any existing
     * entry, a symlink included, without following it); only when something is there is it removed and the
     * create repeated.
     */
    void createFile(Path file, long length) throws IOException {
        checkParent(file);
        try (FileChannel ch = openReplacing(file)) {
            if (length > 0) {
                // sized up front (by writing its last byte: Java cannot ftruncate upward), so zero blobs stay holes
                ch.write(java.nio.ByteBuffer.allocate(1), length - 1);
            }
        }
    }

    private FileChannel openReplacing(Path file) throws IOException {
        try {
            return openNew(file);
        } catch (FileAlreadyExistsException e) {
            clearForNonDirectory(file);
            return openNew(file);
        }
    }

    private static FileChannel openNew(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    void createSymlink(Path link, String target) throws IOException {
        clearForNonDirectory(link);
        Files.createSymbolicLink(link, Path.of(target));
    }

    /** A hard link to an entry this restore created (link(2) never follows a symlink at {@code existing}). */
    void createHardLink(Path link, Path existing) throws IOException {
        clearForNonDirectory(link);
        Files.createLink(link, existing);
    }

    void createFifo(Path fifo) throws IOException {
        clearForNonDirectory(fifo);
        run(List.of("/usr/bin/mkfifo", "--", fifo.toString()));
    }

    /** A block or character device; {@code rdev} is Linux's encoded dev_t as restic stores it. */
    void createDevice(Path dev, boolean block, long rdev) throws IOException {
        clearForNonDirectory(dev);
        long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
        long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
        run(List.of("/usr/bin/mknod", "--", dev.toString(), block ? "b" : "c",
                Long.toUnsignedString(major), Long.toUnsignedString(minor)));
    }

    /** Removes a non-directory entry at {@code path}; a directory there is left alone and reported. */
    private void clearForNonDirectory(Path path) throws IOException {
        checkParent(path);
        BasicFileAttributes attrs = attributes(path);
        if (attrs == null) {
            return;
        }
        if (attrs.isDirectory()) {
            throw new FileAlreadyExistsException(path.toString(), null, "a directory is in the way");
        }
        Files.delete(path); // unlinks a symlink itself, never its target
    }

    private void checkParent(Path path) throws IOException {
        Path parent = path.getParent();
        if (parent == null || !parent.startsWith(root)) {
            throw new UnsafePathException("path " + path + " is outside the restore target");
        }
        BasicFileAttributes attrs = attributes(parent);
        if (attrs == null || !attrs.isDirectory()) {
            throw new UnsafePathException("parent of " + root.relativize(path) + " is not a real directory");
        }
    }

    /** Attributes of the entry itself (a symlink is reported as a symlink), or null when nothing is there. */
    static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IOException(command.getFirst() + " exited with " + rc + (out.isEmpty() ? "" : ": " + out));
            }
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while running " + command.getFirst());
        }
    }
}
