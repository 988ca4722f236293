package io.cairn.repository.backend;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A repository in a local directory, in restic's default layout. Files are written to a temporary name,
 * fsynced, then renamed into place, so a crash never leaves a half-written file under its real name.
 */
public final class LocalBackend implements Backend {
    /**
     * Largest read or write per call. The JDK copies a heap buffer through a temporary direct buffer of the
     * same size and caches it per thread, so a whole-pack call would pin a pack-sized native buffer on
     * every I/O thread.
     */
    private static final int IO_SLICE = 256 * 1024;

    /** Files being written carry this prefix until their rename (restic skips dot files when it lists). */
    static final String TEMPORARY_PREFIX = ".tmp-";
    private final Path root;

    public LocalBackend(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return "local:" + root;
    }

    @Override
    public void create() throws IOException {
        if (Files.exists(root.resolve("config"))) {
            throw new FileAlreadyExistsException(root + " already holds a repository (config exists)");
        }
        Files.createDirectories(root);
        for (FileType type : FileType.values()) {
            if (!type.directory().isEmpty()) {
                Files.createDirectories(root.resolve(type.directory()));
            }
        }
        for (int i = 0; i < 256; i++) {
            Files.createDirectories(root.resolve("data").resolve(String.format("%02x", i)));
        }
    }

    private Path path(Handle handle) {
        return root.resolve(handle.relativePath());
    }

    @Override
    public boolean exists(Handle handle) {
        return Files.exists(path(handle));
    }

    @Override
    public byte[] load(Handle handle) throws IOException {
        return Files.readAllBytes(path(handle));
    }

    @Override
    public byte[] load(Handle handle, long offset, int length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        try (FileChannel ch = FileChannel.open(path(handle), StandardOpenOption.READ)) {
            if (offset + length > ch.size()) {
                throw new EOFException(handle + ": range " + offset + "+" + length + " is past the end (" + ch.size() + " bytes)");
            }
            byte[] out = new byte[length];
            read(ch, handle, offset, length, out, 0);
            return out;
        }
    }

    @Override
    public void load(Handle handle, long offset, int length, byte[] into, int at) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        try (FileChannel ch = FileChannel.open(path(handle), StandardOpenOption.READ)) {
            if (offset + length > ch.size()) {
                throw new EOFException(handle + ": range " + offset + "+" + length + " is past the end (" + ch.size() + " bytes)");
            }
            read(ch, handle, offset, length, into, at);
        }
    }

    /** Reads in slices; see {@link #IO_SLICE}. */
    private static void read(FileChannel ch, Handle handle, long offset, int length, byte[] into, int at)
            throws IOException {
        int done = 0;
        while (done < length) {
            int n = ch.read(ByteBuffer.wrap(into, at + done, Math.min(IO_SLICE, length - done)), offset + done);
            if (n < 0) {
                throw new EOFException(handle + ": unexpected end of file");
            }
            done += n;
        }
    }

    @Override
    public long size(Handle handle) throws IOException {
        return Files.size(path(handle));
    }

    @Override
    public void save(Handle handle, byte[] data) throws IOException {
        save(handle, List.of(data));
    }

    @Override
    public void save(Handle handle, List<byte[]> parts) throws IOException {
        Path target = path(handle);
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(TEMPORARY_PREFIX + handle.name() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (byte[] part : parts) {
                    write(ch, part);
                }
                ch.force(true);
            }
            // restic makes repository files read-only; do the same so accidental edits fail loudly.
            tmp.toFile().setReadOnly();
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Every {@code .tmp-*} file: the names {@link #save} and staged packs write before their rename. */
    @Override
    public int removeLeftovers() throws IOException {
        int removed = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().startsWith(TEMPORARY_PREFIX)
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** {@code data/}: restic and {@link #list} pass over files there (only its subdirectories hold packs). */
    @Override
    public Path stagingDirectory() {
        return root.resolve("data");
    }

    /**
     * Makes {@code source} durable and links it into place under a temporary name, then renames that: no byte
     * is copied when {@code source} is on the repository's filesystem (see {@link #stagingDirectory}); a copy
     * is made elsewhere, or where the filesystem has no hard links.
     */
    @Override
    public void saveFile(Handle handle, Path source) throws IOException {
        Path target = path(handle);
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(TEMPORARY_PREFIX + handle.name() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel ch = FileChannel.open(source, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.createLink(tmp, source);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(source, tmp);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            tmp.toFile().setReadOnly();
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes all of {@code data} in slices; see {@link #IO_SLICE}. */
    private static void write(FileChannel ch, byte[] data) throws IOException {
        for (int at = 0; at < data.length; ) {
            at += ch.write(ByteBuffer.wrap(data, at, Math.min(IO_SLICE, data.length - at)));
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some filesystems cannot fsync a directory; the rename is still atomic there.
        }
    }

    @Override
    public void remove(Handle handle) throws IOException {
        Files.deleteIfExists(path(handle));
    }

    @Override
    public List<FileInfo> list(FileType type) throws IOException {
        List<FileInfo> out = new ArrayList<>();
        if (type == FileType.CONFIG) {
            Path config = root.resolve("config");
            if (Files.exists(config)) {
                out.add(new FileInfo("config", Files.size(config)));
            }
            return out;
        }
        Path dir = root.resolve(type.directory());
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = type == FileType.PACK ? Files.walk(dir, 2) : Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(p)) {
                    continue;
                }
                try {
                    out.add(new FileInfo(name, Files.size(p)));
                } catch (NoSuchFileException e) {
                    // removed while listing
                }
            }
        }
        return out;
    }
}
