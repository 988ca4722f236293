package io.cairn.repository.restorer;

import io.cairn.repository.BlobStore;
import io.cairn.repository.Id;
import io.cairn.repository.RepositoryException;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores a tree, or one node, from the repository into a directory, as restic's restorer does. A pipeline
 * of steps: plan (walk every tree, check every name, count), create the structure (directories, empty files,
 * hard links, fifos, devices), write contents pack by pack in parallel, create symlinks, then set metadata
 * children-first so a directory's mtime survives its children.
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
        ContentWriter writer = new ContentWriter(store, options.threads(), reporter);

        long dirs = createStructure(plan.entries, fs, writer, reporter);
        writer.run();
        for (int i = 0; i < plan.entries.size(); i++) {
            PlannedEntry entry = plan.entries.get(i);
            if (!entry.skipped && entry.node.type() == NodeType.SYMLINK) {
                try {
                    String linkTarget = entry.node.linkTarget() == null ? "" : entry.node.linkTarget();
                    fs.createSymlink(fs.resolve(entry.relative), linkTarget);
                } catch (RepositoryException e) {
                    throw e;
                } catch (IOException | RuntimeException e) {
                    skip(plan.entries, i, reporter, "cannot create symlink: " + e);
                }
            }
        }
        MetadataApplier metadata = new MetadataApplier(options.restoreOwnership(), reporter);
        for (int i = plan.entries.size() - 1; i >= 0; i--) { // reverse pre-order: children before their directory
            PlannedEntry entry = plan.entries.get(i);
            if (!entry.skipped) {
                metadata.apply(fs.resolve(entry.relative), entry);
            }
        }
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

    /** Step 2: everything but file contents and symlinks, parents before children. Returns directories made. */
    private long createStructure(List<PlannedEntry> entries, SafeFs fs, ContentWriter writer, Reporter reporter)
            throws IOException {
        record InodeKey(long device, long inode) {
        }
        Map<InodeKey, PlannedEntry> firstLinks = new HashMap<>();
        long dirs = 0;
        for (int i = 0; i < entries.size(); i++) {
            PlannedEntry entry = entries.get(i);
            if (entry.skipped) {
                continue;
            }
            Node node = entry.node;
            Path path = fs.resolve(entry.relative);
            try {
                switch (node.type()) {
                    case DIR -> {
                        fs.ensureDirectory(path);
                        dirs++;
                    }
                    case FILE -> {
                        InodeKey key = node.links() > 1 ? new InodeKey(node.deviceId(), node.inode()) : null;
                        PlannedEntry first = key == null ? null : firstLinks.get(key);
                        if (first != null && !first.skipped) {
                            fs.createHardLink(path, fs.resolve(first.relative));
                            reporter.bytes(Math.max(0, node.size()));
                            reporter.fileDone();
                        } else {
                            if (key != null) {
                                firstLinks.put(key, entry); // the first link, or a stand-in for one not restored
                            }
                            fs.createFile(path, writer.length(entry));
                            writer.add(entry, path);
                        }
                    }
                    case SYMLINK -> {
                        // created after all content is written
                    }
                    case FIFO -> fs.createFifo(path);
                    case DEV, CHARDEV -> {
                        if (!options.restoreOwnership()) {
                            skip(entries, i, reporter, "device node not restored: needs root");
                            continue;
                        }
                        fs.createDevice(path, node.type() == NodeType.DEV, node.device());
                    }
                    case SOCKET -> skip(entries, i, reporter, "sockets are not restored");
                }
            } catch (RepositoryException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                skip(entries, i, reporter, "cannot create " + node.type().jsonName() + ": " + e);
            }
        }
        return dirs;
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
