package io.cairn.repository.archiver;

/**
 * A point-in-time view of a running backup.
 *
 * @param filesDone    regular files finished (saved, unchanged, or skipped with a warning)
 * @param bytesDone    bytes of those files: read, or taken over unchanged from the parent
 * @param bytesNew     plaintext bytes of blobs the repository did not have yet
 * @param filesTotal   regular files found by the background scan so far
 * @param bytesTotal   their bytes
 * @param scanComplete true once the scan has finished, so the totals are final
 * @param currentFile  a file being read right now, or null
 */
public record ArchiveProgress(
        long filesDone,
        long bytesDone,
        long bytesNew,
        long filesTotal,
        long bytesTotal,
        boolean scanComplete,
        String currentFile) {
}
