package io.cairn.repository;

/** The repository uses a format version (or encoding) this build does not understand. */
public class UnsupportedFormatException extends RepositoryException {
    public UnsupportedFormatException(String message) {
        super(message);
    }
}
