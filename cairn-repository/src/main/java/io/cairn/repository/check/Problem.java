package io.cairn.repository.check;

/** One finding of the {@link Checker}. */
public record Problem(Severity severity, Kind kind, String message) {

    public enum Severity {
        /** The repository is damaged: data cannot be read or is missing. */
        ERROR,
        /** Not damage, but worth cleaning up (e.g. a pack no index lists, as after an interrupted backup). */
        WARNING
    }

    public enum Kind {
        INDEX_UNREADABLE,
        INDEX_CONFLICT,
        PACK_MISSING,
        PACK_SIZE_MISMATCH,
        PACK_NOT_INDEXED,
        PACK_UNREADABLE,
        PACK_HASH_MISMATCH,
        PACK_HEADER_INVALID,
        PACK_HEADER_MISMATCH,
        BLOB_CORRUPT,
        TREE_MISSING,
        TREE_CORRUPT,
        DATA_MISSING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + " " + kind + ": " + message;
    }
}
