package io.cairn.repository.restorer;

import io.cairn.repository.BlobStore;
import io.cairn.repository.Id;
import io.cairn.repository.RepositoryException;
import io.cairn.repository.restorer.PlannedEntry.HardLink;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores a tree, or one node, from the repository into a directory, as restic's restorer does. A pipeline
 * of steps: plan (walk every tree, check every name, count), create the structure (directories, empty files,
 * hard links, fifos, devices; files on several threads), write contents pack by pack in parallel, create
 * symlinks, then set metadata children-first (in parallel where no order is needed) so a directory's mtime
 * survives its children.
 *
 * <p>Safety: the whole tree is checked before anything is written, so a hostile name (empty, {@code .},
 * {@code ..}, with {@code /} or NUL, or a duplicate) fails with {@link UnsafePathException} and no effect;
 * entries are never created or written through a symlink, whether one came with the tree or was already in
 * the target. Symlinks are created last, so nothing this restore writes can pass through one.
 *
 * <p>Errors: a blob that cannot be loaded or fails verification stops the restore with an exception naming
 * the file, the blob and its pack; problems with single entries (owner, mode, xattr, a directory in the way)
 * become warnings in the result.
 */
public final class Restorer {
    private final BlobStore store;
    private final RestoreOptions options;

    public Restorer(BlobStore store) {
        this(store, RestoreOptions.defaults());
    }

    public Restorer(BlobStore store, RestoreOptions options) {
        this.store = store;
        this.options = options;
    }

    /** Restores the contents of tree {@code treeId} (a snapshot's root or a subdirectory) into {@code target}. */
    public RestoreResult restoreTree(Id treeId, Path target, RestoreListener listener) throws IOException {
        return restore(RestorePlan.ofTree(store, treeId), target, listener);
    }

    /**
     * Restores one node into {@code target} under the node's own name: a file (e.g. {@code SNAPSHOT:/etc/hosts}
     * becomes {@code target/hosts}), a symlink, or a directory with everything below it.
     */
    public RestoreResult restoreNode(Node node, Path target, RestoreListener listener) throws IOException {
        return restore(RestorePlan.ofNode(store, node), target, listener);
    }

    private RestoreResult restore(RestorePlan plan, Path target, RestoreListener listener) throws IOException {
        long start = System.nanoTime();
        Reporter reporter = new Reporter(listener);
        reporter.started(plan.totalFiles, plan.totalBytes);
        SafeFs fs = new SafeFs(prepareTarget(target));
        ContentWriter writer = new ContentWriter(store, fs, options.threads(), reporter);

        long dirs = createStructure(plan.entries, fs, writer, reporter);
        writer.run();
        for (int i = 0; i < plan.entries.size(); i++) {
            PlannedEntry entry = plan.entries.get(i);
            if (!entry.skipped && entry.type == NodeType.SYMLINK) {
                try {
                    String linkTarget = entry.linkTarget == null ? "" : entry.linkTarget;
                    fs.createSymlink(fs.resolve(entry.relative()), linkTarget);
                } catch (RepositoryException e) {
                    throw e;
                } catch (IOException | RuntimeException e) {
                    skip(plan.entries, i, reporter, "cannot create symlink: " + e);
                }
            }
        }
        applyMetadata(plan.entries, fs, reporter);
        RestoreResult result = new RestoreResult(reporter.filesDone(), dirs, reporter.bytesDone(),
                reporter.warnings(), Duration.ofNanos(System.nanoTime() - start));
        reporter.finished(result);
        return result;
    }

    private static Path prepareTarget(Path target) throws IOException {
        Files.createDirectories(target);
        Path real = target.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new NotDirectoryException(target.toString());
        }
        return real;
    }

    /**
     * Step 2: everything but file contents and symlinks, parents before children. Returns directories made.
     *
     * <p>Directories (and the rare fifos, devices and sockets) are made on this thread in pre-order, so every
     * parent exists and has been checked before anything goes into it. Regular files are then created on
     * {@code threads} threads (inode creation dominates a restore of many small files), and only after that
     * the second and later links of a hard-linked file, each to a first link that now exists. Failures are
     * collected per entry and turned into warnings in pre-order, as a sequential pass would.
     */
    private long createStructure(List<PlannedEntry> entries, SafeFs fs, ContentWriter writer, Reporter reporter)
            throws IOException {
        record InodeKey(long device, long inode) {
        }
        long dirs = 0;
        for (int i = 0; i < entries.size(); i++) {
            PlannedEntry entry = entries.get(i);
            if (entry.skipped) {
                continue;
            }
            try {
                switch (entry.type) {
                    case DIR -> {
                        fs.ensureDirectory(fs.resolve(entry.relative()));
                        dirs++;
                    }
                    case FILE, SYMLINK -> {
                        // files below; symlinks are created after all content is written
                    }
                    case FIFO -> fs.createFifo(fs.resolve(entry.relative()));
                    case DEV, CHARDEV -> {
                        if (!options.restoreOwnership()) {
                            skip(entries, i, reporter, "device node not restored: needs root");
                            continue;
                        }
                        fs.createDevice(fs.resolve(entry.relative()), entry.type == NodeType.DEV, entry.device);
                    }
                    case SOCKET -> skip(entries, i, reporter, "sockets are not restored");
                    case IRREGULAR -> skip(entries, i, reporter, "not restored: restic recorded it as an irregular file");
                }
            } catch (RepositoryException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                skip(entries, i, reporter, "cannot create " + entry.type.jsonName() + ": " + e);
            }
        }

        // Regular files: the first link of each inode now (in parallel), later links after it exists.
        Map<InodeKey, PlannedEntry> firstLinks = new HashMap<>();
        IntList files = new IntList();
        IntList laterLinks = new IntList();
        for (int i = 0; i < entries.size(); i++) {
            PlannedEntry entry = entries.get(i);
            if (entry.skipped || entry.type != NodeType.FILE) {
                continue;
            }
            HardLink link = entry.hardLink;
            if (link != null && firstLinks.putIfAbsent(new InodeKey(link.deviceId(), link.inode()), entry) != null) {
                laterLinks.add(i);
            } else {
                files.add(i);
            }
        }
        boolean[] created = new boolean[entries.size()];
        Exception[] failures = new Exception[entries.size()];
        Parallel.forEach(options.threads(), files.size(), k -> {
            int i = files.get(k);
            PlannedEntry entry = entries.get(i);
            try {
                fs.createFile(fs.resolve(entry.relative()), writer.length(entry));
                created[i] = true;
            } catch (IOException | RuntimeException e) {
                failures[i] = e;
            }
        });
        for (int k = 0; k < files.size(); k++) {
            if (failures[files.get(k)] instanceof RepositoryException e) {
                throw e;
            }
        }
        for (int k = 0; k < files.size(); k++) {
            int i = files.get(k);
            if (failures[i] != null) {
                skip(entries, i, reporter, "cannot create file: " + failures[i]);
            }
        }
        firstLinks.clear();
        for (int k = 0; k < files.size(); k++) {
            PlannedEntry entry = entries.get(files.get(k));
            HardLink link = entry.hardLink;
            if (!entry.skipped && link != null) {
                firstLinks.put(new InodeKey(link.deviceId(), link.inode()), entry);
            }
        }
        for (int k = 0; k < laterLinks.size(); k++) {
            int i = laterLinks.get(k);
            PlannedEntry entry = entries.get(i);
            HardLink link = entry.hardLink;
            InodeKey key = new InodeKey(link.deviceId(), link.inode());
            try {
                Path path = fs.resolve(entry.relative());
                PlannedEntry first = firstLinks.get(key);
                if (first != null) {
                    fs.createHardLink(path, fs.resolve(first.relative()));
                    reporter.bytes(Math.max(0, link.size()));
                    reporter.fileDone();
                } else {
                    firstLinks.put(key, entry); // a stand-in for a first link that could not be restored
                    fs.createFile(path, writer.length(entry));
                    created[i] = true;
                }
            } catch (RepositoryException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                skip(entries, i, reporter, "cannot create file: " + e);
            }
        }
        for (int i = 0; i < entries.size(); i++) { // contents planned in pre-order, as before
            if (created[i] && !entries.get(i).skipped) {
                writer.add(entries.get(i));
            }
        }
        return dirs;
    }

    /**
     * Step 5: metadata, children before their directory. Everything but directories first, in parallel (setting
     * a child's owner, times or mode does not touch its directory); then directories deepest level first, each
     * level in parallel (no directory of a level is below another of it). Warnings are reported afterwards in
     * reverse pre-order, the order of a sequential pass.
     */
    private void applyMetadata(List<PlannedEntry> entries, SafeFs fs, Reporter reporter) throws IOException {
        List<List<String>> warnings = new ArrayList<>(java.util.Collections.nCopies(entries.size(), null));
        MetadataApplier metadata = new MetadataApplier(options.restoreOwnership(), (entry, message) -> {
            int index = entry.index;
            synchronized (warnings) {
                List<String> list = warnings.get(index);
                if (list == null) {
                    warnings.set(index, list = new ArrayList<>(1));
                }
                list.add(message);
            }
        });
        IntList others = new IntList();
        java.util.TreeMap<Integer, IntList> dirsByDepth = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (int i = 0; i < entries.size(); i++) {
            PlannedEntry entry = entries.get(i);
            entry.index = i;
            if (entry.skipped) {
                continue;
            }
            if (entry.type == NodeType.DIR) {
                dirsByDepth.computeIfAbsent(entry.depth(), d -> new IntList()).add(i);
            } else {
                others.add(i);
            }
        }
        Exception[] unsafe = new Exception[1];
        java.util.function.IntConsumer apply = i -> {
            PlannedEntry entry = entries.get(i);
            try {
                metadata.apply(fs.resolve(entry.relative()), entry);
            } catch (UnsafePathException e) {
                synchronized (unsafe) {
                    unsafe[0] = e;
                }
            }
        };
        Parallel.forEach(options.threads(), others.size(), k -> apply.accept(others.get(k)));
        for (IntList level : dirsByDepth.values()) {
            Parallel.forEach(options.threads(), level.size(), k -> apply.accept(level.get(k)));
        }
        if (unsafe[0] instanceof UnsafePathException e) {
            throw e;
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (warnings.get(i) != null) {
                for (String message : warnings.get(i)) {
                    reporter.warning(entries.get(i), message);
                }
            }
        }
    }

    /** Marks an entry (and, for a directory, everything below it) as not restored. */
    private static void skip(List<PlannedEntry> entries, int index, Reporter reporter, String message) {
        PlannedEntry entry = entries.get(index);
        reporter.warning(entry, message);
        for (int j = index; j < entry.subtreeEnd; j++) {
            entries.get(j).skipped = true;
        }
        entry.skipped = true;
    }
}
