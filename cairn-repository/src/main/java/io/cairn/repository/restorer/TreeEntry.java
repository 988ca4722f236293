package io.cairn.repository.restorer;

import io.cairn.repository.tree.Node;

/** A node and its path within a snapshot, {@code a/b/c} (no leading slash), as listed by {@link TreeNavigator}. */
public record TreeEntry(String path, Node node) {
}
