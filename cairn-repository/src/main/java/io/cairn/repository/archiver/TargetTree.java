package io.cairn.repository.archiver;

import io.cairn.repository.tree.Tree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * The shape of a snapshot before anything is read, as restic 0.14 builds it ({@code internal/archiver/tree.go}):
 * the root holds the first component of every (absolute) target, each intermediate node stands for the
 * directory at that path (its metadata is stored, but only the named children), and leaves are the targets,
 * saved whole. A target inside another target merges into it ("unrolling" the outer one).
 */
final class TargetTree {
    final Path path;
    boolean leaf;
    final TreeMap<String, TargetTree> children = new TreeMap<>(Tree.NAME_ORDER);

    private TargetTree(Path path) {
        this.path = path;
    }

    /** Builds the tree for absolute, normalised targets; the file system root expands into its entries. */
    static TargetTree of(List<Path> targets) throws IOException {
        TargetTree root = new TargetTree(null);
        for (Path target : targets) {
            if (target.getNameCount() == 0) {
                for (String name : ArchiveRun.list(target)) {
                    root.add(target.resolve(name));
                }
            } else {
                root.add(target);
            }
        }
        root.unroll();
        return root;
    }

    private void add(Path target) {
        TargetTree node = this;
        Path prefix = target.getRoot();
        for (Path component : target) {
            prefix = prefix.resolve(component);
            Path p = prefix;
            node = node.children.computeIfAbsent(component.toString(), k -> new TargetTree(p));
        }
        node.leaf = true;
    }

    /** A target that also has targets below it is replaced by its entries, each a target of its own. */
    private void unroll() throws IOException {
        if (leaf && !children.isEmpty()) {
            for (String name : ArchiveRun.list(path)) {
                children.computeIfAbsent(name, k -> new TargetTree(path.resolve(name))).leaf = true;
            }
            leaf = false;
        }
        for (TargetTree child : children.values()) {
            child.unroll();
        }
    }
}
