package io.cairn.repository.archiver;

import io.cairn.repository.tree.Node;

/** Small node helpers the shared {@link Node} record does not offer. */
final class Nodes {
    private Nodes() {
    }

    /** The node with another size (a file's size is what was read, as in restic). */
    static Node withSize(Node n, long size) {
        return new Node(n.name(), n.type(), n.mode(), n.mtime(), n.atime(), n.ctime(), n.uid(), n.gid(), n.user(),
                n.group(), n.inode(), n.deviceId(), size, n.links(), n.linkTarget(), n.extendedAttributes(),
                n.device(), n.content(), n.subtree(), n.error());
    }
}
