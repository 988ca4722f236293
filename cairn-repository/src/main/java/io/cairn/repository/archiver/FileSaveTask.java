package io.cairn.repository.archiver;

import io.cairn.repository.Id;
import io.cairn.repository.chunker.Chunker;
import io.cairn.repository.tree.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads one regular file on a reader thread: chunks it and hands each chunk to the save pool, or, for a file
 * smaller than one minimum chunk, hashes and saves it right here (no handoff per tiny file). The file's
 * node is reported to its directory once the last chunk is saved. A file that cannot be opened or read is
 * skipped with a warning, as restic does; a failing repository fails the run.
 */
final class FileSaveTask implements Runnable {
    private final ArchiveRun run;
    private final Path path;
    private final Node meta;
    private final PendingDir dir;
    private final int slot;
    private final boolean hadPrevious;
    private final List<Id> content = new ArrayList<>();
    /** Chunks being saved, plus one while reading. */
    private final AtomicInteger pending = new AtomicInteger(1);
    private volatile boolean skipped;
    private volatile long size;

    FileSaveTask(ArchiveRun run, Path path, Node meta, PendingDir dir, int slot, boolean hadPrevious) {
        this.run = run;
        this.path = path;
        this.meta = meta;
        this.dir = dir;
        this.slot = slot;
        this.hadPrevious = hadPrevious;
    }

    @Override
    public void run() {
        try {
            if (!run.failed()) {
                read();
            }
        } catch (Throwable t) { // also an OutOfMemoryError: a dead task must fail the run, not hang it
            run.fail(t);
        } finally {
            run.readerDone();
            chunkDone();
        }
    }

    private void read() throws InterruptedException {
        run.listener().fileStarted(path);
        run.setCurrentFile(path);
        boolean inline = meta.size() < Chunker.MIN_SIZE;
        Chunker chunker = run.chunker();
        long bytes = 0;
        try {
            run.beforeRead(path);
            byte[] buf = null;
            try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                chunker.reset(in);
                buf = run.buffers().take();
                while (!run.failed()) {
                    int n = chunker.next(buf);
                    if (n < 0) {
                        break;
                    }
                    bytes += n;
                    run.addBytesRead(n);
                    int index = reserve();
                    if (inline) {
                        saveChunk(buf, n, index);
                    } else {
                        // the buffer itself goes to a saver, who gives it back; the next chunk needs another
                        byte[] chunk = buf;
                        buf = null;
                        pending.incrementAndGet();
                        try {
                            run.savers().execute(() -> {
                                try {
                                    saveChunk(chunk, n, index);
                                } finally {
                                    run.buffers().give(chunk);
                                    chunkDone();
                                }
                            });
                        } catch (RejectedExecutionException e) { // the savers stopped: the run has failed
                            run.buffers().give(chunk);
                            chunkDone();
                            throw e;
                        }
                        buf = run.buffers().take();
                    }
                }
            } finally {
                if (buf != null) {
                    run.buffers().give(buf);
                }
            }
            size = bytes;
        } catch (RejectedExecutionException e) {
            skipped = true; // the run failed and its savers stopped: that failure is what gets reported
        } catch (IOException | RuntimeException e) {
            skipped = true;
            run.warn(path, "cannot read: " + ArchiveRun.describe(e));
        }
    }

    private int reserve() {
        synchronized (content) {
            content.add(null);
            return content.size() - 1;
        }
    }

    /** Hashes and saves one chunk; a repository failure fails the run. */
    private void saveChunk(byte[] buf, int length, int index) {
        try {
            Id id = run.saveData(buf, length);
            synchronized (content) {
                content.set(index, id);
            }
        } catch (Throwable t) {
            run.fail(t);
        }
    }

    private void chunkDone() {
        if (pending.decrementAndGet() != 0) {
            return;
        }
        if (skipped || run.failed()) {
            run.fileSkipped();
            dir.childDone(slot, null);
            return;
        }
        List<Id> ids;
        synchronized (content) {
            ids = List.copyOf(content);
        }
        run.fileSaved(path, size, hadPrevious);
        dir.childDone(slot, Nodes.withSize(meta, size).withContent(ids));
    }
}
