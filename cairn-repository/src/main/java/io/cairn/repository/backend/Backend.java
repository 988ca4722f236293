package io.cairn.repository.backend;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where repository files live: a local directory, an object store. The contract every implementation
 * and wrapper honours (and {@code BackendContractTest} checks):
 * <ul>
 *   <li>{@link #save} is atomic: a reader sees the whole file or none of it, also after a crash, and the
 *       file is durable when {@code save} returns. Saving a name that exists replaces it only for
 *       {@link FileType#LOCK}; for other types content is addressed by its hash so a rewrite is idempotent.</li>
 *   <li>{@link #load} of a missing file throws {@link NoSuchFileException}; a range that reaches past the
 *       end of the file throws {@link java.io.EOFException}. Neither is worth a retry.</li>
 *   <li>{@link #list} returns every file of the type, in no particular order; a repository without the
 *       directory yields an empty list.</li>
 *   <li>Every method may be called from many threads at once.</li>
 * </ul>
 */
public interface Backend extends Closeable {

    /** A human-readable location, e.g. {@code local:/srv/repo}; never contains a secret. */
    String location();

    /** Creates the directory structure of an empty repository; fails if a config file already exists. */
    void create() throws IOException;

    /** True when the file exists. */
    boolean exists(Handle handle) throws IOException;

    /** The whole file. */
    byte[] load(Handle handle) throws IOException;

    /** {@code length} bytes starting at {@code offset}. */
    byte[] load(Handle handle, long offset, int length) throws IOException;

    /**
     * Like {@link #load(Handle, long, int)}, into {@code into[at, at + length)}: a caller that reads many ranges
     * reuses one buffer instead of getting a fresh array each time. On failure the buffer's content is undefined.
     */
    default void load(Handle handle, long offset, int length, byte[] into, int at) throws IOException {
        System.arraycopy(load(handle, offset, length), 0, into, at, length);
    }

    /** Size of the file in bytes. */
    long size(Handle handle) throws IOException;

    /** Writes the file atomically and durably (see class comment). */
    void save(Handle handle, byte[] data) throws IOException;

    /**
     * Writes the concatenation of {@code parts} as one file, atomically and durably; lets a backend write
     * a pack without first copying its blobs into one array.
     */
    default void save(Handle handle, List<byte[]> parts) throws IOException {
        long total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IOException(handle + ": file too large (" + total + " bytes)");
        }
        byte[] all = new byte[(int) total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        save(handle, all);
    }

    /**
     * A directory where a file meant for {@link #saveFile} is best written first, or null when this backend
     * has none (callers then keep such data in memory and use {@link #save}). A local repository offers one on
     * its own filesystem, so that saving the file links it into place instead of copying it; S3 a private
     * temporary directory it uploads from. Files written
     * there are named {@code .tmp-*}, so that {@link #removeLeftovers} can tell a crashed writer's.
     */
    default Path stagingDirectory() {
        return null;
    }

    /**
     * Stores the content of the local file {@code source} as {@code handle}, atomically and durably like
     * {@link #save}. {@code source} is left in place (the caller deletes it), so a retried call sees it again.
     */
    default void saveFile(Handle handle, Path source) throws IOException {
        save(handle, Files.readAllBytes(source));
    }

    /**
     * Deletes what crashed writers left behind: temporary files that never became repository files (half-written
     * saves, staged packs); returns how many. Only safe while no one else writes, i.e. under an exclusive lock.
     */
    default int removeLeftovers() throws IOException {
        return 0;
    }

    /** Deletes the file; a missing file is not an error. */
    void remove(Handle handle) throws IOException;

    /** Every file of the given type. */
    List<FileInfo> list(FileType type) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
