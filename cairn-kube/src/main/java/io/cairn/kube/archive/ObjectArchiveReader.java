package io.cairn.kube.archive;

import io.cairn.repository.BlobLoader;
import io.cairn.repository.BlobType;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import io.cairn.repository.tree.Tree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the stored API objects of one backup back out of its snapshot tree (layout in {@link BackupLayout}).
 * Objects are streamed one at a time: only directory listings and the current object are held in memory.
 * Not thread-safe; cheap to create.
 */
public final class ObjectArchiveReader {
    private static final String JSON_SUFFIX = ".json";

    private final BlobLoader blobs;
    private final Id root;

    /** @param root the backup snapshot's root tree */
    public ObjectArchiveReader(BlobLoader blobs, Id root) {
        this.blobs = blobs;
        this.root = root;
    }

    /** Receives stored objects; may throw to stop the iteration. */
    @FunctionalInterface
    public interface Visitor {
        void visit(StoredObject object) throws IOException;
    }

    /** The bytes of {@code /backup.json}; {@link NotFoundException} when the backup has none. */
    public byte[] manifest() throws IOException {
        return topLevelFile(BackupLayout.MANIFEST);
    }

    /** The bytes of a file at the root of the tree; {@link NotFoundException} when there is none. */
    public byte[] topLevelFile(String name) throws IOException {
        Node node = tree(root).find(name);
        if (node == null || node.type() != NodeType.FILE) {
            throw new NotFoundException("tree " + root.shortString() + " has no " + name);
        }
        return content(node);
    }

    /**
     * Every resource directory of the backup, ordered by namespace directory, group directory, resource
     * (tree order). A backup without {@code /resources} has none. Loads directory listings only.
     */
    public List<ResourceDirectory> resourceDirectories() throws IOException {
        List<ResourceDirectory> out = new ArrayList<>();
        Node resources = tree(root).find(BackupLayout.RESOURCES);
        if (resources == null) {
            return out;
        }
        for (Node ns : subdirectories(resources)) {
            for (Node group : subdirectories(ns)) {
                for (Node resource : subdirectories(group)) {
                    out.add(new ResourceDirectory(BackupLayout.namespaceOf(ns.name()),
                            BackupLayout.groupOf(group.name()), resource.name(), resource.subtree()));
                }
            }
        }
        return out;
    }

    /** Visits the objects of one resource directory in name order, loading one at a time. */
    public void forEachObject(ResourceDirectory dir, Visitor visitor) throws IOException {
        for (Node file : tree(dir.tree()).nodes()) {
            if (file.type() != NodeType.FILE || !file.name().endsWith(JSON_SUFFIX)) {
                continue;
            }
            String name = file.name().substring(0, file.name().length() - JSON_SUFFIX.length());
            visitor.visit(new StoredObject(dir.namespace(), dir.group(), dir.resource(), name, content(file)));
        }
    }

    /** Visits every stored object of the backup, directory by directory. */
    public void forEachObject(Visitor visitor) throws IOException {
        for (ResourceDirectory dir : resourceDirectories()) {
            forEachObject(dir, visitor);
        }
    }

    private List<Node> subdirectories(Node dir) throws IOException {
        if (dir.type() != NodeType.DIR || dir.subtree() == null) {
            throw new CorruptDataException("backup tree: " + dir.name() + " is not a directory");
        }
        List<Node> out = new ArrayList<>();
        for (Node n : tree(dir.subtree()).nodes()) {
            if (n.type() == NodeType.DIR) {
                out.add(n);
            }
        }
        return out;
    }

    private Tree tree(Id id) throws IOException {
        return Tree.parse(blobs.loadBlob(BlobType.TREE, id));
    }

    private byte[] content(Node file) throws IOException {
        List<Id> content = file.content() == null ? List.of() : file.content();
        if (content.size() == 1) {
            return blobs.loadBlob(BlobType.DATA, content.get(0));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Id id : content) {
            out.write(blobs.loadBlob(BlobType.DATA, id));
        }
        return out.toByteArray();
    }
}
