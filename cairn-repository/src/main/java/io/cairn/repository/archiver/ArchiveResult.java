package io.cairn.repository.archiver;

import io.cairn.repository.Id;
import java.time.Duration;
import java.util.List;

/**
 * What one archiver run saved. The blobs are durable only after {@code BlobStore.flush()}; write the snapshot
 * after that.
 *
 * @param rootTree       the tree to put in the snapshot (or, for a directory's contents, that directory's tree)
 * @param filesNew       regular files without a counterpart in the parent, read
 * @param filesChanged   regular files whose parent entry differed, read again
 * @param filesUnchanged regular files whose content list was taken over from the parent without reading
 * @param dirs           directories stored (including the path components above the targets)
 * @param bytesRead      bytes read from files
 * @param bytesAdded     plaintext bytes of new blobs (data and tree)
 * @param dataBlobsNew   data blobs the repository did not have
 * @param treeBlobsNew   tree blobs the repository did not have
 * @param warnings       entries skipped or only partly saved
 * @param duration       wall time of the run
 */
public record ArchiveResult(
        Id rootTree,
        long filesNew,
        long filesChanged,
        long filesUnchanged,
        long dirs,
        long bytesRead,
        long bytesAdded,
        long dataBlobsNew,
        long treeBlobsNew,
        List<ArchiveWarning> warnings,
        Duration duration) {

    public ArchiveResult {
        warnings = List.copyOf(warnings);
    }
}
