package io.cairn.repository.tree;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cairn.repository.CorruptDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A directory listing stored as a tree blob: {@code {"nodes":[...]}} followed by a newline, nodes sorted by
 * name (byte order of the UTF-8 names, as Go sorts strings).
 */
public record Tree(@JsonProperty("nodes") List<Node> nodes) {
    public static final Comparator<String> NAME_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    public Tree {
        nodes = nodes == null ? List.of() : nodes;
    }

    /** A tree of the given nodes, sorted as restic requires. */
    public static Tree of(List<Node> nodes) {
        List<Node> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparing(Node::name, NAME_ORDER));
        return new Tree(List.copyOf(sorted));
    }

    /** The blob's plaintext bytes ({@link TreeJson}). */
    public byte[] toBytes() {
        return TreeJson.encode(this);
    }

    public static Tree parse(byte[] blob) throws CorruptDataException {
        return TreeJson.decode(blob);
    }

    /** The node with this name, or null. */
    public Node find(String name) {
        for (Node n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }
}
