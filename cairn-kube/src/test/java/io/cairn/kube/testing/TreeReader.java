package io.cairn.kube.testing;

import io.cairn.repository.BlobLoader;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.Tree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** Reads every file of a stored tree back: path ("resources/shop/core/configmaps/x.json") → content. */
public final class TreeReader {
    private TreeReader() {
    }

    public static Map<String, byte[]> files(BlobLoader store, Id root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        walk(store, root, "", out);
        return out;
    }

    private static void walk(BlobLoader store, Id tree, String prefix, Map<String, byte[]> out) throws IOException {
        for (Node n : Tree.parse(store.loadBlob(BlobType.TREE, tree)).nodes()) {
            String path = prefix + n.name();
            if (n.isDirectory()) {
                walk(store, n.subtree(), path + "/", out);
            } else {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                for (Id blob : n.content()) {
                    content.write(store.loadBlob(BlobType.DATA, blob));
                }
                if (content.size() != n.size()) {
                    throw new IOException(path + ": size " + n.size() + " but content has " + content.size());
                }
                out.put(path, content.toByteArray());
            }
        }
    }
}
