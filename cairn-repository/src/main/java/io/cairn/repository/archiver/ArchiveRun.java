package io.cairn.repository.archiver;

import io.cairn.repository.BlobIndex;
import io.cairn.repository.BlobLoader;
import io.cairn.repository.BlobSaver;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.chunker.Chunker;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import io.cairn.repository.tree.Tree;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One archiver run: the walker (the calling thread) reads metadata and decides what to do with each entry;
 * reader threads chunk files; saver threads hash and save chunks; {@link PendingDir}s write trees bottom-up.
 * Memory is bounded by the {@link ChunkBuffers} (one per reader plus those in flight to savers) and the bounded
 * reader queue the walker blocks on.
 */
final class ArchiveRun {
    private final BlobSaver saver;
    private final BlobIndex index;
    private final BlobLoader loader;
    private final ArchiverOptions options;
    private final ArchiveListener listener;
    private final Consumer<Path> beforeRead;
    private final FileMetadataReader metadata;
    private final ChunkBuffers buffers;
    private final ThreadPoolExecutor readers;
    private final ThreadPoolExecutor savers;
    private final Semaphore readerSlots;
    private final ThreadLocal<Chunker> chunkers;

    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private final CompletableFuture<Id> root = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<ArchiveWarning> warnings = new ConcurrentLinkedQueue<>();
    private final AtomicLong filesNew = new AtomicLong();
    private final AtomicLong filesChanged = new AtomicLong();
    private final AtomicLong filesUnchanged = new AtomicLong();
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong dirs = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong bytesAdded = new AtomicLong();
    private final AtomicLong dataBlobsNew = new AtomicLong();
    private final AtomicLong treeBlobsNew = new AtomicLong();
    private volatile String currentFile;
    private BackgroundScan scan;

    ArchiveRun(BlobSaver saver, BlobIndex index, BlobLoader loader, ArchiverOptions options,
               ArchiveListener listener, Consumer<Path> beforeRead) {
        this.saver = saver;
        this.index = index;
        this.loader = loader;
        this.options = options;
        this.listener = listener;
        this.beforeRead = beforeRead;
        this.metadata = new FileMetadataReader(options.withAtime());
        int readerCount = options.effectiveReaders();
        this.buffers = new ChunkBuffers(readerCount + options.buffersInFlight());
        int queued = 4 * readerCount;
        this.readers = pool("read", readerCount, new ArrayBlockingQueue<>(queued));
        // a task gives its permit back before its thread is free again, so permits must not exceed the queue
        this.readerSlots = new Semaphore(queued);
        // every queued save task holds one of the chunk buffers, which bounds the queue's memory
        this.savers = pool("save", options.parallelism(), new LinkedBlockingQueue<>());
        this.chunkers = ThreadLocal.withInitial(() -> new Chunker(options.polynomial()));
    }

    private static ThreadPoolExecutor pool(String role, int threads, BlockingQueue<Runnable> queue) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, queue,
                r -> {
                    Thread t = new Thread(r, "cairn-archiver-" + role + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The walk's body: hands out every entry, then calls {@link PendingDir#listingDone()} on the root. */
    interface Walk {
        void run(ArchiveRun run) throws IOException, InterruptedException;
    }

    ArchiveResult execute(List<Path> scanRoots, Walk walk) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProgressTicker ticker = new ProgressTicker(options.progressInterval(), () -> listener.progress(progress()));
        if (options.scan()) {
            scan = BackgroundScan.start(scanRoots, listener);
        }
        try {
            walk.run(this);
            Id id = awaitRoot();
            listener.progress(progress());
            return new ArchiveResult(id, filesNew.get(), filesChanged.get(), filesUnchanged.get(), dirs.get(),
                    bytesRead.get(), bytesAdded.get(), dataBlobsNew.get(), treeBlobsNew.get(),
                    new ArrayList<>(warnings), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            fail(e);
            throw e;
        } finally {
            ticker.close();
            if (scan != null) {
                scan.stop();
            }
            shutdown(readers);
            shutdown(savers);
        }
    }

    private Id awaitRoot() throws IOException, InterruptedException {
        try {
            return root.get();
        } catch (ExecutionException e) {
            throw asIOException(e.getCause());
        }
    }

    private void shutdown(ExecutorService pool) throws InterruptedException {
        if (fatal.get() != null) {
            pool.shutdownNow();
        } else {
            pool.shutdown();
        }
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    /** Throws the run's failure, if any, so the walker stops early. */
    void checkFailed() throws IOException {
        Throwable t = fatal.get();
        if (t != null) {
            throw asIOException(t);
        }
    }

    private static IOException asIOException(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof InterruptedException) {
            return new InterruptedIOException("archiving was interrupted");
        }
        return new IOException("archiving failed: " + t, t);
    }

    // ---- the walk -------------------------------------------------------------------------------------

    /** Saves the entry at {@code path} as child {@code slot} of {@code dir}; skipped with a warning if unreadable. */
    void saveEntry(Path path, String name, Node previous, PendingDir dir, int slot)
            throws IOException, InterruptedException {
        checkFailed();
        Node node;
        try {
            node = metadata.read(path, name, previous);
        } catch (IOException e) {
            warn(path, describe(e));
            return;
        }
        switch (node.type()) {
            case SOCKET -> { } // restic 0.14 leaves sockets out of the snapshot
            case DIR -> saveDirectory(path, node, previous, dir, slot);
            case FILE -> saveFile(path, node, previous, dir, slot);
            default -> dir.set(slot, node);
        }
    }

    private void saveDirectory(Path path, Node node, Node previous, PendingDir parent, int slot)
            throws IOException, InterruptedException {
        List<String> names;
        try {
            names = list(path);
        } catch (IOException e) {
            warn(path, describe(e));
            return;
        }
        dirs.incrementAndGet();
        PendingDir pending = new PendingDir(this, node, parent, slot, names.size());
        parent.addPending();
        walkEntries(path, names, loadSubtree(previous, path), pending);
    }

    /** Saves the named entries of {@code dir} into {@code pending}, then closes its listing. */
    void walkEntries(Path dir, List<String> names, Map<String, Node> previous, PendingDir pending)
            throws IOException, InterruptedException {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            saveEntry(dir.resolve(name), name, previous.get(name), pending, i);
        }
        pending.listingDone();
    }

    private void saveFile(Path path, Node node, Node previous, PendingDir dir, int slot) throws InterruptedException {
        if (previous != null && !changed(node, previous)) {
            if (allBlobsPresent(previous)) {
                dir.set(slot, node.withContent(previous.content()));
                filesUnchanged.incrementAndGet();
                filesDone.incrementAndGet();
                bytesDone.addAndGet(node.size());
                listener.fileDone(path, node.size(), true);
                return;
            }
            warn(path, "parts of the file are not in the repository index; storing it again");
        }
        FileSaveTask task = new FileSaveTask(this, path, node, dir, slot, previous != null);
        dir.addPending();
        readerSlots.acquire();
        readers.execute(task);
    }

    /** restic 0.14's {@code fileChanged}: type, size, mtime, ctime and inode. */
    static boolean changed(Node current, Node previous) {
        return previous.type() != NodeType.FILE
                || previous.content() == null
                || previous.size() != current.size()
                || previous.mtime() == null || !previous.mtime().isEqual(current.mtime())
                || previous.ctime() == null || !previous.ctime().isEqual(current.ctime())
                || previous.inode() != current.inode();
    }

    private boolean allBlobsPresent(Node previous) {
        for (Id id : previous.content()) {
            if (!index.has(BlobType.DATA, id)) {
                return false;
            }
        }
        return true;
    }

    /** The entry names of a directory in tree order. */
    static List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        }
        names.sort(Tree.NAME_ORDER);
        return names;
    }

    /** The parent snapshot's entries for a directory, by name; empty when there is none or it cannot load. */
    Map<String, Node> loadSubtree(Node previous, Path path) {
        if (previous == null || previous.type() != NodeType.DIR || previous.subtree() == null) {
            return Map.of();
        }
        return loadTree(previous.subtree(), path);
    }

    Map<String, Node> loadTree(Id id, Path path) {
        try {
            Tree tree = Tree.parse(loader.loadBlob(BlobType.TREE, id));
            Map<String, Node> byName = new HashMap<>(tree.nodes().size() * 2);
            for (Node n : tree.nodes()) {
                byName.put(n.name(), n);
            }
            return byName;
        } catch (IOException e) {
            warn(path, "parent tree " + id.shortString() + " cannot be loaded, reading everything: " + describe(e));
            return Map.of();
        }
    }

    FileMetadataReader metadata() {
        return metadata;
    }

    void countDir() {
        dirs.incrementAndGet();
    }

    // ---- called from workers --------------------------------------------------------------------------

    Id saveData(byte[] buf, int length) throws IOException {
        Id id = Id.hash(buf, 0, length);
        if (saver.saveBlob(BlobType.DATA, id, buf, length)) {
            dataBlobsNew.incrementAndGet();
            bytesAdded.addAndGet(length);
        }
        return id;
    }

    Id saveTree(Tree tree) throws IOException {
        byte[] bytes = tree.toBytes();
        Id id = Id.hash(bytes);
        if (saver.saveBlob(BlobType.TREE, id, bytes, bytes.length)) {
            treeBlobsNew.incrementAndGet();
            bytesAdded.addAndGet(bytes.length);
        }
        return id;
    }

    void rootDone(Id id) {
        root.complete(id);
    }

    void fail(Throwable t) {
        if (fatal.compareAndSet(null, t)) {
            root.completeExceptionally(t);
        }
    }

    boolean failed() {
        return fatal.get() != null;
    }

    void warn(Path path, String message) {
        warnings.add(new ArchiveWarning(path, message));
        listener.warning(path, message);
    }

    void fileSaved(Path path, long size, boolean hadPrevious) {
        (hadPrevious ? filesChanged : filesNew).incrementAndGet();
        filesDone.incrementAndGet();
        bytesDone.addAndGet(size);
        listener.fileDone(path, size, false);
    }

    void fileSkipped() {
        filesDone.incrementAndGet();
    }

    void readerDone() {
        readerSlots.release();
    }

    void addBytesRead(long n) {
        bytesRead.addAndGet(n);
    }

    void setCurrentFile(Path path) {
        currentFile = path.toString();
    }

    void beforeRead(Path path) {
        beforeRead.accept(path);
    }

    Chunker chunker() {
        return chunkers.get();
    }

    /** The run's chunk buffers, {@link Chunker#MAX_SIZE} long each. */
    ChunkBuffers buffers() {
        return buffers;
    }

    ExecutorService savers() {
        return savers;
    }

    ArchiveListener listener() {
        return listener;
    }

    ArchiveProgress progress() {
        BackgroundScan s = scan;
        return new ArchiveProgress(filesDone.get(), bytesDone.get(), bytesAdded.get(),
                s == null ? 0 : s.files(), s == null ? 0 : s.bytes(), s != null && s.complete(), currentFile);
    }

    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
