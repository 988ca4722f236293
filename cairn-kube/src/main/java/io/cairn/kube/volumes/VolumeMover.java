package io.cairn.kube.volumes;

import io.cairn.repository.BlobStore;
import io.cairn.repository.Id;
import io.cairn.repository.Repository;
import io.cairn.repository.archiver.ArchiveResult;
import io.cairn.repository.archiver.ArchiveWarning;
import io.cairn.repository.archiver.Archiver;
import io.cairn.repository.archiver.ArchiverOptions;
import io.cairn.repository.restorer.RestoreListener;
import io.cairn.repository.restorer.RestoreResult;
import io.cairn.repository.restorer.Restorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The work of a data mover pod, on a mounted volume: {@link #backup} archives a directory's contents into the
 * repository and makes them durable, {@link #restore} fills a directory from a subtree. Several movers write into
 * one repository at once; each only adds its own packs and index files, which the format allows. A mover never
 * writes a snapshot: the coordinator links the subtrees it reports and writes the backup's snapshot last.
 */
public final class VolumeMover {
    private final Repository repository;

    public VolumeMover(Repository repository) {
        this.repository = repository;
    }

    /**
     * Archives the contents of {@code source} (its own metadata is not stored), then flushes: the returned tree
     * and everything below it are durable when this returns.
     *
     * @param parentTree the same volume's subtree in an earlier backup (unchanged files are not read), or null
     */
    public MoverResult backup(Path source, Id parentTree) throws IOException, InterruptedException {
        if (!Files.isDirectory(source)) {
            throw new IOException("source " + source + " is not a directory");
        }
        BlobStore blobs = repository.blobs();
        blobs.loadIndex();
        ArchiveResult r = new Archiver(blobs, ArchiverOptions.defaults(repository.polynomial()))
                .archiveDirectory(source, parentTree, null);
        blobs.flush();
        return new MoverResult(r.rootTree().toString(), r.filesNew() + r.filesChanged() + r.filesUnchanged(),
                r.bytesRead(), r.bytesAdded(), r.duration().toMillis(),
                MoverResult.capped(r.warnings().stream().map(ArchiveWarning::toString).toList()), null);
    }

    /** Restores subtree {@code tree} into {@code target} (created when missing). */
    public MoverResult restore(Id tree, Path target) throws IOException {
        Files.createDirectories(target);
        BlobStore blobs = repository.blobs();
        blobs.loadIndex();
        RestoreResult r = new Restorer(blobs).restoreTree(tree, target, RestoreListener.NONE);
        return new MoverResult(null, r.files(), r.bytes(), 0, r.duration().toMillis(),
                MoverResult.capped(r.warnings().stream().map(Object::toString).toList()), null);
    }
}
