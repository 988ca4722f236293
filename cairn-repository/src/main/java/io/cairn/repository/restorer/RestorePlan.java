package io.cairn.repository.restorer;

import io.cairn.repository.BlobLoader;
import io.cairn.repository.BlobType;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import io.cairn.repository.tree.Tree;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Step 1 of a restore: walks every tree once, rejects unsafe names before anything is written, and lists
 * the entries in pre-order with the totals the progress display needs.
 */
final class RestorePlan {
    final List<PlannedEntry> entries = new ArrayList<>();
    long totalFiles;
    long totalBytes;

    private RestorePlan() {
    }

    /** The contents of a tree (the target itself stands for the tree's directory). */
    static RestorePlan ofTree(BlobLoader loader, Id treeId) throws IOException {
        RestorePlan plan = new RestorePlan();
        plan.walk(loader, null, null, loadTree(loader, treeId, ""));
        return plan;
    }

    /** One node placed in the target under its own name; a directory node brings its subtree. */
    static RestorePlan ofNode(BlobLoader loader, Node node) throws IOException {
        RestorePlan plan = new RestorePlan();
        checkName(node.name(), "");
        Path relative = Path.of(node.name());
        PlannedEntry entry = plan.add(relative, null, node);
        if (node.type() == NodeType.DIR) {
            plan.walk(loader, relative, entry, loadTree(loader, subtreeOf(node, relative), node.name()));
        }
        entry.subtreeEnd = plan.entries.size();
        return plan;
    }

    /** Adds {@code node} at {@code relative}, in directory entry {@code parent} (null at the top). */
    private PlannedEntry add(Path relative, PlannedEntry parent, Node node) throws CorruptDataException {
        if (node.type() == null) {
            throw new CorruptDataException("node " + relative + " has no type");
        }
        PlannedEntry entry = new PlannedEntry(parent, node);
        entries.add(entry);
        if (node.type() == NodeType.FILE) {
            totalFiles++;
            totalBytes += Math.max(0, node.size());
        }
        return entry;
    }

    /** Depth-first without recursion, so a hostile deeply nested tree cannot overflow the stack. */
    private void walk(BlobLoader loader, Path rootRel, PlannedEntry rootEntry, Tree rootTree) throws IOException {
        record Frame(Path relative, PlannedEntry entry, Iterator<Node> children) {
        }
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(rootRel, rootEntry, rootTree.nodes().iterator()));
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (!frame.children().hasNext()) {
                if (frame.entry() != null) {
                    frame.entry().subtreeEnd = entries.size();
                }
                stack.pop();
                continue;
            }
            Node node = frame.children().next();
            Path rel = frame.relative() == null ? Path.of(node.name()) : frame.relative().resolve(node.name());
            PlannedEntry entry = add(rel, frame.entry(), node);
            if (node.type() == NodeType.DIR) {
                Tree sub = loadTree(loader, subtreeOf(node, rel), rel.toString());
                stack.push(new Frame(rel, entry, sub.nodes().iterator()));
            } else {
                entry.subtreeEnd = entries.size();
            }
        }
    }

    private static Id subtreeOf(Node dir, Path rel) throws CorruptDataException {
        if (dir.subtree() == null) {
            throw new CorruptDataException("directory " + rel + " has no subtree");
        }
        return dir.subtree();
    }

    /** Loads a tree and checks every name in it; {@code where} is the tree's path for messages. */
    static Tree loadTree(BlobLoader loader, Id id, String where) throws IOException {
        Tree tree = Tree.parse(loader.loadBlob(BlobType.TREE, id));
        Set<String> seen = new HashSet<>();
        for (Node node : tree.nodes()) {
            checkName(node.name(), where);
            if (!seen.add(node.name())) {
                throw new UnsafePathException("duplicate name " + display(where, node.name()) + " in tree " + id);
            }
        }
        return tree;
    }

    /** Rejects a name that is not exactly one path component. */
    static void checkName(String name, String where) throws UnsafePathException {
        if (name == null || name.isEmpty()) {
            throw new UnsafePathException("empty node name in " + (where.isEmpty() ? "/" : where));
        }
        if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new UnsafePathException("unsafe node name " + display(where, name.replace("\0", "\\0")));
        }
        try {
            Path p = Path.of(name);
            if (p.getNameCount() != 1 || !p.toString().equals(name)) {
                throw new UnsafePathException("unsafe node name " + display(where, name));
            }
        } catch (InvalidPathException e) {
            throw new UnsafePathException("node name cannot be a file name: " + display(where, name));
        }
    }

    private static String display(String where, String name) {
        return where.isEmpty() ? "\"" + name + "\"" : "\"" + where + "/" + name + "\"";
    }
}
