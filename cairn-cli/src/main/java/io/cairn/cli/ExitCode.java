package io.cairn.cli;

/** The exit codes scripts can rely on. Documented in the README and in {@code cairn --help}. */
public final class ExitCode {
    public static final int OK = 0;
    /** The command failed; the message says why. */
    public static final int FAILED = 1;
    /** Bad usage or input: unknown option, malformed argument, missing path. */
    public static final int USAGE = 2;
    /** The command finished, but some items failed or were skipped (e.g. unreadable files). */
    public static final int PARTIAL = 3;
    /** No repository at the location. */
    public static final int NO_REPOSITORY = 10;
    /** The repository is locked by another process. */
    public static final int LOCKED = 11;
    /** No key in the repository opens with the given password. */
    public static final int WRONG_PASSWORD = 12;
    /** A snapshot, path or key that was named does not exist. */
    public static final int NOT_FOUND = 13;
    /** Repository data failed verification. */
    public static final int CORRUPT = 14;
    /** The repository uses a format this version of Cairn does not support. */
    public static final int UNSUPPORTED_FORMAT = 15;
    /** The storage refused the credentials or denied access (e.g. S3 403). */
    public static final int STORAGE_ACCESS_DENIED = 16;
    /** The storage endpoint cannot be reached (unknown host, connection refused). */
    public static final int STORAGE_UNREACHABLE = 17;
    /** The bucket (or other container) named in the location does not exist. */
    public static final int STORAGE_NOT_FOUND = 18;

    private ExitCode() {
    }
}
