package io.cairn.repository.archiver;

import io.cairn.repository.BlobIndex;
import io.cairn.repository.BlobLoader;
import io.cairn.repository.BlobSaver;
import io.cairn.repository.BlobStore;
import io.cairn.repository.Id;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Saves files and directories into a blob store as restic 0.14's archiver does, and returns the root tree
 * ID. Files are chunked with the repository's polynomial; blobs go through {@link BlobSaver#saveBlob} (which
 * deduplicates); trees are written bottom-up. With a parent tree, a regular file whose type, size, mtime,
 * ctime and inode match its parent entry, and whose blobs are all indexed, is not read again.
 *
 * <p>Entries that vanish or cannot be read are skipped and reported as warnings; only a failing repository
 * (or an interrupt) aborts a run. Sockets are left out, as restic does; fifos and devices are recorded and
 * never opened. Nothing is durable until the caller runs {@link BlobStore#flush()}; write the snapshot after
 * that. An {@code Archiver} may run several times, one run at a time per call (runs are independent).
 */
public final class Archiver {
    private final BlobSaver saver;
    private final BlobIndex index;
    private final BlobLoader loader;
    private final ArchiverOptions options;
    /** Test hook: runs on the reader thread just before a file is opened. */
    Consumer<Path> beforeRead = p -> { };

    public Archiver(BlobStore store, ArchiverOptions options) {
        this(store, store, store, options);
    }

    public Archiver(BlobSaver saver, BlobIndex index, BlobLoader loader, ArchiverOptions options) {
        this.saver = Objects.requireNonNull(saver);
        this.index = Objects.requireNonNull(index);
        this.loader = Objects.requireNonNull(loader);
        this.options = Objects.requireNonNull(options);
    }

    /**
     * The snapshot paths for these targets, as restic records them: absolute and normalised, duplicates
     * dropped, in the given order. Put these in {@code Snapshot.paths}.
     */
    public static List<String> snapshotPaths(List<Path> targets) {
        List<String> out = new ArrayList<>();
        for (Path p : absolute(targets)) {
            out.add(p.toString());
        }
        return out;
    }

    private static Set<Path> absolute(List<Path> targets) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : targets) {
            out.add(p.toAbsolutePath().normalize());
        }
        return out;
    }

    /**
     * Archives the targets as {@code restic backup <targets>} would: the root tree holds the components of
     * each absolute path ({@code /srv/data} becomes {@code srv/data/...}, with the metadata of {@code /srv}),
     * several targets merge into one tree, relative targets are made absolute. Targets that do not exist are
     * skipped with a warning; if none exists this throws.
     *
     * @param parentTree the parent snapshot's tree, or null for a full backup
     */
    public ArchiveResult snapshot(List<Path> targets, Id parentTree, ArchiveListener listener)
            throws IOException, InterruptedException {
        ArchiveListener l = listener == null ? ArchiveListener.NONE : listener;
        List<Path> existing = new ArrayList<>();
        List<ArchiveWarning> missing = new ArrayList<>();
        for (Path p : absolute(targets)) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                existing.add(p);
            } else {
                missing.add(new ArchiveWarning(p, "does not exist, skipped"));
            }
        }
        if (existing.isEmpty()) {
            throw new IOException("nothing to back up: none of the targets exists " + targets);
        }
        TargetTree shape = TargetTree.of(existing);
        ArchiveRun run = newRun(l);
        for (ArchiveWarning w : missing) {
            run.warn(w.path(), w.message());
        }
        return run.execute(existing, r -> {
            Map<String, Node> previous = parentTree == null ? Map.of() : r.loadTree(parentTree, Path.of("/"));
            PendingDir root = new PendingDir(r, null, null, 0, shape.children.size());
            walkShape(r, shape, previous, root);
        });
    }

    /**
     * Archives the contents of one directory as a tree and returns that tree's ID as {@code rootTree} (the
     * directory's own metadata is not stored). Used to store a volume's files under a subtree that the
     * caller assembles, e.g. {@code /volumes/<namespace>/<pvc>/}.
     *
     * @param parentTree the tree this directory had in the parent snapshot, or null
     */
    public ArchiveResult archiveDirectory(Path dir, Id parentTree, ArchiveListener listener)
            throws IOException, InterruptedException {
        ArchiveListener l = listener == null ? ArchiveListener.NONE : listener;
        Path abs = dir.toAbsolutePath().normalize();
        List<String> names = ArchiveRun.list(abs);
        ArchiveRun run = newRun(l);
        return run.execute(List.of(abs), r -> {
            Map<String, Node> previous = parentTree == null ? Map.of() : r.loadTree(parentTree, abs);
            PendingDir root = new PendingDir(r, null, null, 0, names.size());
            r.walkEntries(abs, names, previous, root);
        });
    }

    private ArchiveRun newRun(ArchiveListener listener) {
        return new ArchiveRun(saver, index, loader, options, listener, beforeRead);
    }

    /** Saves the children of one node of the target tree into {@code pending}. */
    private static void walkShape(ArchiveRun run, TargetTree shape, Map<String, Node> previous, PendingDir pending)
            throws IOException, InterruptedException {
        int slot = 0;
        for (Map.Entry<String, TargetTree> e : shape.children.entrySet()) {
            String name = e.getKey();
            TargetTree child = e.getValue();
            Node old = previous.get(name);
            if (child.leaf) {
                run.saveEntry(child.path, name, old, pending, slot);
            } else {
                intermediate(run, child, name, old, pending, slot);
            }
            slot++;
        }
        pending.listingDone();
    }

    /** A directory above a target: its metadata (symlinks followed, as restic does) and only the named children. */
    private static void intermediate(ArchiveRun run, TargetTree child, String name, Node old, PendingDir parent,
                                     int slot) throws IOException, InterruptedException {
        run.checkFailed();
        Node node;
        try {
            node = run.metadata().read(child.path, name, true);
        } catch (IOException e) {
            run.warn(child.path, ArchiveRun.describe(e));
            return;
        }
        if (node.type() != NodeType.DIR) {
            run.warn(child.path, "is not a directory, skipped");
            return;
        }
        run.countDir();
        PendingDir pending = new PendingDir(run, node, parent, slot, child.children.size());
        parent.addPending();
        walkShape(run, child, run.loadSubtree(old, child.path), pending);
    }
}
