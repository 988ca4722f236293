package io.cairn.kube.restore.testing;

import io.cairn.kube.archive.BackupLayout;
import io.cairn.repository.BlobSaver;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.tree.GoFileMode;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import io.cairn.repository.tree.Tree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test helper: writes a backup snapshot tree in the {@link BackupLayout} (data blobs of object JSON, file
 * nodes, tree blobs) the way the backup side will, so restore tests need no backup engine.
 */
public final class BackupTreeBuilder {
    /** path components → file content; a TreeMap of TreeMaps mirrors the directory tree. */
    private final Map<String, Object> root = new TreeMap<>();
    private int chunkSize = Integer.MAX_VALUE;

    /** Splits every file into data blobs of at most this many bytes (tests the concatenation). */
    public BackupTreeBuilder chunkSize(int bytes) {
        this.chunkSize = bytes;
        return this;
    }

    public BackupTreeBuilder manifest(String json) {
        root.put(BackupLayout.MANIFEST, json.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Stores an object; {@code namespace} null for cluster-scoped, {@code group} "" for core. */
    public BackupTreeBuilder object(String namespace, String group, String resource, String name, String json) {
        put(BackupLayout.resourcePath(namespace, group, resource, name), json.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    @SuppressWarnings("unchecked")
    private void put(List<String> path, byte[] content) {
        Map<String, Object> dir = root;
        for (String part : path.subList(0, path.size() - 1)) {
            dir = (Map<String, Object>) dir.computeIfAbsent(part, k -> new TreeMap<String, Object>());
        }
        dir.put(path.get(path.size() - 1), content);
    }

    /** Saves all blobs and returns the root tree's ID. */
    public Id write(BlobSaver saver) throws IOException {
        return writeDir(root, saver);
    }

    @SuppressWarnings("unchecked")
    private Id writeDir(Map<String, Object> dir, BlobSaver saver) throws IOException {
        List<Node> nodes = new ArrayList<>();
        for (Map.Entry<String, Object> e : dir.entrySet()) {
            if (e.getValue() instanceof byte[] content) {
                nodes.add(node(e.getKey(), NodeType.FILE, 0644, content.length, writeData(content, saver), null));
            } else {
                Id sub = writeDir((Map<String, Object>) e.getValue(), saver);
                nodes.add(node(e.getKey(), NodeType.DIR, GoFileMode.DIR | 0755, 0, null, sub));
            }
        }
        byte[] tree = Tree.of(nodes).toBytes();
        Id id = Id.hash(tree);
        saver.saveBlob(BlobType.TREE, id, tree, tree.length);
        return id;
    }

    private List<Id> writeData(byte[] content, BlobSaver saver) throws IOException {
        List<Id> ids = new ArrayList<>();
        for (int off = 0; off < content.length; off += chunkSize) {
            byte[] chunk = Arrays.copyOfRange(content, off, (int) Math.min(content.length, (long) off + chunkSize));
            Id id = Id.hash(chunk);
            saver.saveBlob(BlobType.DATA, id, chunk, chunk.length);
            ids.add(id);
        }
        return ids;
    }

    private static Node node(String name, NodeType type, long mode, long size, List<Id> content, Id subtree) {
        return new Node(name, type, mode, null, null, null, 0, 0, null, null, 0, 0, size, 0, null, null, 0,
                content, subtree, null);
    }
}
