package io.cairn.repository.restorer;

import io.cairn.repository.BlobLoader;
import io.cairn.repository.BlobType;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.tree.GoFileMode;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import io.cairn.repository.tree.Tree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Finds nodes by path in a snapshot's trees and lists them recursively, for {@code repo ls}, dump and restore. */
public final class TreeNavigator {
    private final BlobLoader loader;

    public TreeNavigator(BlobLoader loader) {
        this.loader = loader;
    }

    public Tree loadTree(Id treeId) throws IOException {
        return Tree.parse(loader.loadBlob(BlobType.TREE, treeId));
    }

    /**
     * The node at {@code path} ({@code a/b/c}; leading, trailing and doubled slashes are ignored) below the
     * tree {@code rootTree}. The empty path (or {@code /}) gives a directory node named "" whose subtree is
     * the root. Throws {@link NotFoundException} "path a/b/c not found in snapshot" when any component is
     * missing or a non-directory is in the way.
     */
    public Node resolve(Id rootTree, String path) throws IOException {
        List<String> parts = components(path);
        String shown = String.join("/", parts);
        if (parts.isEmpty()) {
            return new Node("", NodeType.DIR, GoFileMode.DIR | 0755, null, null, null, 0, 0, null, null, 0, 0, 0,
                    0, null, null, 0, null, rootTree, null);
        }
        Tree tree = loadTree(rootTree);
        for (int i = 0; ; i++) {
            Node node = tree.find(parts.get(i));
            if (node == null) {
                throw new NotFoundException("path " + shown + " not found in snapshot");
            }
            if (i == parts.size() - 1) {
                return node;
            }
            if (node.type() != NodeType.DIR || node.subtree() == null) {
                throw new NotFoundException("path " + shown + " not found in snapshot");
            }
            tree = loadTree(node.subtree());
        }
    }

    /**
     * Every node below {@code rootTree}, depth-first in tree order (a directory before its contents), with
     * paths relative to that tree. Subtrees load lazily; a load failure surfaces as an
     * {@link UncheckedIOException} wrapping the repository's exception.
     */
    public Iterator<TreeEntry> list(Id rootTree) {
        return new Listing(rootTree);
    }

    private static List<String> components(String path) throws NotFoundException {
        List<String> parts = new ArrayList<>();
        for (String p : (path == null ? "" : path).split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                throw new NotFoundException("path " + path + " not found in snapshot: '..' is not allowed");
            }
            parts.add(p);
        }
        return parts;
    }

    private final class Listing implements Iterator<TreeEntry> {
        private record Level(String prefix, Iterator<Node> nodes) {
        }

        private final Deque<Level> stack = new ArrayDeque<>();
        private TreeEntry pendingDir;

        Listing(Id root) {
            stack.push(new Level("", List.<Node>of().iterator()));
            pendingDir = new TreeEntry("", new Node("", NodeType.DIR, 0, null, null, null, 0, 0, null, null, 0, 0, 0, 0,
                    null, null, 0, null, root, null));
        }

        @Override
        public boolean hasNext() {
            if (pendingDir != null) {
                TreeEntry dir = pendingDir;
                pendingDir = null;
                try {
                    if (dir.node().subtree() == null) {
                        throw new CorruptDataException("directory " + dir.path() + " has no subtree");
                    }
                    stack.push(new Level(dir.path(), loadTree(dir.node().subtree()).nodes().iterator()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            while (!stack.isEmpty() && !stack.peek().nodes().hasNext()) {
                stack.pop();
            }
            return !stack.isEmpty();
        }

        @Override
        public TreeEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Level level = stack.peek();
            Node node = level.nodes().next();
            TreeEntry entry = new TreeEntry(level.prefix().isEmpty() ? node.name() : level.prefix() + "/" + node.name(), node);
            if (node.type() == NodeType.DIR) {
                pendingDir = entry;
            }
            return entry;
        }
    }
}
