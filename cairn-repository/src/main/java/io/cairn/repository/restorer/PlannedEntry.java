package io.cairn.repository.restorer;

import io.cairn.repository.Id;
import io.cairn.repository.tree.ExtendedAttribute;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * One node to restore. Entries are kept in pre-order, so a directory's descendants are the entries from its
 * index up to {@link #subtreeEnd} (exclusive).
 *
 * <p>A restore keeps one entry per file for its whole run, so an entry holds only what the later steps use,
 * in compact form: its name and parent instead of a path (built on demand, see {@link #relative}), times as
 * epoch seconds and nanoseconds instead of {@link OffsetDateTime}s (four objects each), content as an array,
 * and inode numbers only for hard links. With the full {@link Node} and a Path per entry, the plan and the
 * content writer held ~900 bytes of heap per file; this way ~310 (200,000 small files).
 */
final class PlannedEntry {
    private static final Id[] NO_CONTENT = new Id[0];
    /** Nanoseconds of a time the node does not have (restic records none, so none is set). */
    private static final int NO_TIME = -1;

    final String name;
    /** The directory entry this one is in; null at the top of the plan. */
    final PlannedEntry parent;
    final NodeType type;
    final long mode;
    final long uid;
    final long gid;
    private final long mtimeSeconds;
    private final long atimeSeconds;
    private final int mtimeNanos;
    private final int atimeNanos;
    final String linkTarget;
    final List<ExtendedAttribute> extendedAttributes;
    final long device;
    /** Set for a file with more than one link: the inode that links to it share. */
    final HardLink hardLink;
    /** The file's data blobs in order (empty for anything else). */
    final Id[] content;

    int subtreeEnd;
    /** Set when the entry could not be created; its metadata and (for directories) its subtree are skipped. */
    boolean skipped;
    /** The entry's position in the plan, set before metadata is applied. */
    int index;

    /** The inode of a hard-linked file, and its size (counted as restored for each later link). */
    record HardLink(long deviceId, long inode, long size) {
    }

    PlannedEntry(PlannedEntry parent, Node node) {
        this.name = node.name();
        this.parent = parent;
        this.type = node.type();
        this.mode = node.mode();
        this.uid = node.uid();
        this.gid = node.gid();
        this.mtimeSeconds = seconds(node.mtime());
        this.mtimeNanos = nanos(node.mtime());
        this.atimeSeconds = seconds(node.atime());
        this.atimeNanos = nanos(node.atime());
        this.linkTarget = node.linkTarget();
        this.extendedAttributes = node.extendedAttributes();
        this.device = node.device();
        this.hardLink = node.type() == NodeType.FILE && node.links() > 1
                ? new HardLink(node.deviceId(), node.inode(), node.size()) : null;
        this.content = node.content() == null || node.content().isEmpty()
                ? NO_CONTENT : node.content().toArray(Id[]::new);
    }

    /** The path relative to the target; made anew on each call (without recursion: a hostile tree is deep). */
    Path relative() {
        int depth = depth();
        String[] names = new String[depth];
        PlannedEntry e = this;
        for (int i = depth - 1; i >= 0; i--, e = e.parent) {
            names[i] = e.name;
        }
        return Path.of(names[0], Arrays.copyOfRange(names, 1, depth));
    }

    /** The number of names in {@link #relative}. */
    int depth() {
        int depth = 0;
        for (PlannedEntry e = this; e != null; e = e.parent) {
            depth++;
        }
        return depth;
    }

    /** The modification time, or null if the node has none. */
    Instant mtime() {
        return instant(mtimeSeconds, mtimeNanos);
    }

    /** The access time, or null if the node has none. */
    Instant atime() {
        return instant(atimeSeconds, atimeNanos);
    }

    private static long seconds(OffsetDateTime t) {
        return t == null ? 0 : t.toEpochSecond();
    }

    private static int nanos(OffsetDateTime t) {
        return t == null ? NO_TIME : t.getNano();
    }

    private static Instant instant(long seconds, int nanos) {
        return nanos == NO_TIME ? null : Instant.ofEpochSecond(seconds, nanos);
    }

    @Override
    public String toString() {
        return relative().toString();
    }
}
