package io.cairn.repository.archiver;

import io.cairn.repository.Id;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A directory whose tree blob is written once all its children are known: the walker fills the slots it
 * can decide at once (unchanged files, symlinks, devices…) and counts the children still in flight (files
 * being read, subdirectories); whichever thread finishes the last one writes the tree and reports the
 * directory's node to its own parent. So trees are written bottom-up without any thread waiting for them.
 */
final class PendingDir {
    private final ArchiveRun run;
    private final Node node;
    private final PendingDir parent;
    private final int slotInParent;
    private final Node[] slots;
    /** Children in flight, plus one while the walker is still listing. */
    private final AtomicInteger pending = new AtomicInteger(1);

    /** {@code node} is null for the root, whose tree ID completes the run. */
    PendingDir(ArchiveRun run, Node node, PendingDir parent, int slotInParent, int children) {
        this.run = run;
        this.node = node;
        this.parent = parent;
        this.slotInParent = slotInParent;
        this.slots = new Node[children];
    }

    /** The walker decided a child at once. */
    void set(int slot, Node child) {
        slots[slot] = child;
    }

    /** A child will be reported later through {@link #childDone}. */
    void addPending() {
        pending.incrementAndGet();
    }

    /** A child in flight is done; null when it was skipped. */
    void childDone(int slot, Node child) {
        if (child != null) {
            slots[slot] = child;
        }
        release();
    }

    /** The walker has handed out every child. */
    void listingDone() {
        release();
    }

    private void release() {
        if (pending.decrementAndGet() == 0) {
            complete();
        }
    }

    private void complete() {
        if (run.failed()) {
            return;
        }
        List<Node> nodes = new ArrayList<>(slots.length);
        for (Node n : slots) {
            if (n != null) {
                nodes.add(n);
            }
        }
        Id id;
        try {
            id = run.saveTree(Tree.of(nodes));
        } catch (Exception e) {
            run.fail(e);
            return;
        }
        if (parent == null) {
            run.rootDone(id);
        } else {
            parent.childDone(slotInParent, node.withSubtree(id));
        }
    }
}
