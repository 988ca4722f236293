package io.cairn.repository.restorer;

import io.cairn.repository.BlobStore;
import io.cairn.repository.BlobType;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.PackedBlob;
import io.cairn.repository.RepositoryException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Writes file contents pack by pack. Every (file, offset) that needs a blob is planned first; then packs are
 * processed in parallel, each blob loaded once (neighbouring blobs with one read, see
 * {@link BlobStore#loadBlobs}) and written with positional writes to every place that needs it. A task holds
 * one read span and one blob at a time (decrypted in place, decompressed into a buffer the thread reuses), so
 * memory stays at about {@code threads} spans and blobs. Blobs that are all zeros are not written: the file
 * was sized up front, so those ranges stay holes.
 *
 * <p>A blob that cannot be loaded (corrupt, missing) stops the restore with an error naming the file, the
 * blob and its pack; a local write error only fails that file, as a warning.
 */
final class ContentWriter {
    private static final byte[] ZEROS = new byte[64 * 1024];
    private static final int WRITE_SLICE = 256 * 1024;

    private final BlobStore store;
    private final SafeFs fs;
    private final int threads;
    private final Reporter reporter;
    private final Map<Id, Map<Id, BlobJob>> packs = new LinkedHashMap<>();

    /**
     * A file being written. It keeps the plan's entry, not the file's path: one is made from the entry each
     * time the file is opened, as a Path per file (~100 bytes) would stay for the whole restore.
     */
    private static final class FileTarget {
        private static final AtomicIntegerFieldUpdater<FileTarget> PENDING =
                AtomicIntegerFieldUpdater.newUpdater(FileTarget.class, "pending");

        final PlannedEntry entry;
        /** Blobs still to write (a field, not an AtomicInteger: one object less per file). */
        private volatile int pending;
        volatile boolean failed;

        FileTarget(PlannedEntry entry, int slots) {
            this.entry = entry;
            this.pending = slots;
        }

        /** Counts one blob written; true when it was the last. */
        boolean blobDone() {
            return PENDING.decrementAndGet(this) == 0;
        }
    }

    private record Slot(FileTarget file, long offset) {
    }

    private record BlobJob(PackedBlob where, List<Slot> slots) {
    }

    ContentWriter(BlobStore store, SafeFs fs, int threads, Reporter reporter) {
        this.store = store;
        this.fs = fs;
        this.threads = threads;
        this.reporter = reporter;
    }

    /** The length of a file's content by the index (to create the file with); fails if a blob is unknown. */
    long length(PlannedEntry entry) throws IOException {
        long length = 0;
        for (Id id : entry.content) {
            length += lookup(id, entry).plaintextLength();
        }
        return length;
    }

    private PackedBlob lookup(Id id, PlannedEntry entry) throws NotFoundException {
        PackedBlob where = store.lookup(BlobType.DATA, id);
        if (where == null) {
            throw new NotFoundException("restoring " + entry + ": data blob " + id + " is not in the index");
        }
        return where;
    }

    /** Plans the content of a file just created with its {@link #length}. */
    void add(PlannedEntry entry) throws IOException {
        Id[] content = entry.content;
        if (content.length == 0) {
            reporter.fileDone();
            return;
        }
        FileTarget file = new FileTarget(entry, content.length);
        long offset = 0;
        for (Id id : content) {
            PackedBlob where = lookup(id, entry);
            packs.computeIfAbsent(where.packId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(id, k -> new BlobJob(where, new ArrayList<>()))
                    .slots().add(new Slot(file, offset));
            offset += where.plaintextLength();
        }
    }

    /** Writes everything planned; returns when all is written or throws at the first blob that fails. */
    void run() throws IOException {
        if (packs.isEmpty()) {
            return;
        }
        AtomicBoolean abort = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, packs.size()), daemonThreads());
        try {
            CompletionService<Void> done = new ExecutorCompletionService<>(pool);
            for (Map<Id, BlobJob> pack : packs.values()) {
                List<BlobJob> jobs = new ArrayList<>(pack.values());
                jobs.sort(Comparator.comparingLong(j -> j.where().offset()));
                done.submit(() -> {
                    writePack(jobs, abort);
                    return null;
                });
            }
            for (int i = 0; i < packs.size(); i++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    abort.set(true);
                    throw rethrow(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            abort.set(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("restore interrupted");
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
            packs.clear(); // the plan of every file's blobs is not needed by the steps after this one
        }
    }

    private void writePack(List<BlobJob> jobs, AtomicBoolean abort) throws IOException {
        List<PackedBlob> blobs = new ArrayList<>(jobs.size());
        for (BlobJob job : jobs) {
            blobs.add(job.where());
        }
        int[] next = {0};
        try {
            store.loadBlobs(blobs, (i, buffer, offset, length) -> {
                if (abort.get() || Thread.currentThread().isInterrupted()) {
                    return false;
                }
                next[0] = i + 1;
                writeBlob(jobs.get(i), buffer, offset, length);
                return true;
            });
        } catch (IOException e) {
            throw withContext(jobs.get(Math.min(next[0], jobs.size() - 1)), e);
        }
    }

    private void writeBlob(BlobJob job, byte[] buffer, int offset, int length) throws IOException {
        PackedBlob where = job.where();
        if (length != where.plaintextLength()) {
            throw new CorruptDataException("loaded " + length + " bytes, the index says " + where.plaintextLength());
        }
        boolean hole = isAllZeros(buffer, offset, length);
        for (Slot slot : job.slots()) {
            FileTarget file = slot.file();
            if (!hole && !file.failed) {
                write(file, buffer, offset, length, slot.offset());
            }
            reporter.bytes(length);
            if (file.blobDone()) {
                reporter.fileDone();
            }
        }
    }

    /** Names the file(s), the blob and its pack in a load failure. */
    private static IOException withContext(BlobJob job, IOException e) {
        PackedBlob where = job.where();
        String context = "restoring " + job.slots().getFirst().file().entry
                + (job.slots().size() > 1 ? " (and " + (job.slots().size() - 1) + " more)" : "")
                + ": data blob " + where.handle().id().shortString() + " in pack " + where.packId() + ": ";
        if (e instanceof CorruptDataException) {
            return new CorruptDataException(context + e.getMessage(), e);
        }
        if (e instanceof NotFoundException) {
            return new NotFoundException(context + e.getMessage());
        }
        return new RepositoryException(context + e.getMessage(), e);
    }

    /**
     * Writes {@code buffer[from, from+length)} at {@code position} in slices of {@link #WRITE_SLICE}: the JDK
     * copies a heap buffer through a temporary native buffer of the write's size and keeps it for the thread,
     * so whole-blob writes would pin up to 8 MiB of native memory on every restore thread.
     */
    private void write(FileTarget file, byte[] buffer, int from, int length, long position) {
        try (FileChannel ch = FileChannel.open(fs.resolve(file.entry.relative()), StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            int done = 0;
            while (done < length) {
                done += ch.write(ByteBuffer.wrap(buffer, from + done, Math.min(WRITE_SLICE, length - done)),
                        position + done);
            }
        } catch (IOException e) {
            if (!file.failed) {
                file.failed = true;
                reporter.warning(file.entry, "cannot write content: " + e);
            }
        }
    }

    static boolean isAllZeros(byte[] data, int offset, int length) {
        int end = offset + length;
        for (int from = offset; from < end; from += ZEROS.length) {
            int to = Math.min(end, from + ZEROS.length);
            if (java.util.Arrays.mismatch(data, from, to, ZEROS, 0, to - from) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IOException(cause);
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "cairn-restore-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
