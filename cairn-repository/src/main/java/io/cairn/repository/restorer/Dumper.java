package io.cairn.repository.restorer;

import io.cairn.repository.BlobLoader;
import io.cairn.repository.BlobType;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.RepositoryException;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import java.io.IOException;
import java.io.OutputStream;

/** Writes one file of a snapshot to a stream, blob by blob in order ({@code cairn repo dump SNAPSHOT FILE}). */
public final class Dumper {
    private final BlobLoader loader;

    public Dumper(BlobLoader loader) {
        this.loader = loader;
    }

    /** Resolves {@code path} below {@code rootTree} and dumps that file; returns the bytes written. */
    public long dump(Id rootTree, String path, OutputStream out) throws IOException {
        return dump(new TreeNavigator(loader).resolve(rootTree, path), path, out);
    }

    /** Dumps a file node's content; returns the bytes written. */
    public long dump(Node file, OutputStream out) throws IOException {
        return dump(file, file.name(), out);
    }

    private long dump(Node file, String shown, OutputStream out) throws IOException {
        if (file.type() != NodeType.FILE) {
            throw new RepositoryException(shown + " is a " + (file.type() == null ? "node without type" : file.type().jsonName())
                    + ", not a file");
        }
        long written = 0;
        if (file.content() == null) {
            return 0;
        }
        for (Id id : file.content()) {
            byte[] data;
            try {
                data = loader.loadBlob(BlobType.DATA, id);
            } catch (CorruptDataException e) {
                throw new CorruptDataException("dumping " + shown + ": " + e.getMessage(), e);
            } catch (NotFoundException e) {
                throw new NotFoundException("dumping " + shown + ": " + e.getMessage());
            }
            out.write(data);
            written += data.length;
        }
        out.flush();
        return written;
    }
}
