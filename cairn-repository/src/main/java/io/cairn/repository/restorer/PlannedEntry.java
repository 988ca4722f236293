package io.cairn.repository.restorer;

import io.cairn.repository.tree.Node;
import java.nio.file.Path;

/**
 * One node to restore, at a path relative to the target. Entries are kept in pre-order, so a directory's
 * descendants are the entries from its index up to {@link #subtreeEnd} (exclusive).
 */
final class PlannedEntry {
    final Path relative;
    final Node node;
    int subtreeEnd;
    /** Set when the entry could not be created; its metadata and (for directories) its subtree are skipped. */
    boolean skipped;
    /** The entry's position in the plan, set before metadata is applied. */
    int index;

    PlannedEntry(Path relative, Node node) {
        this.relative = relative;
        this.node = node;
    }

    @Override
    public String toString() {
        return relative.toString();
    }
}
