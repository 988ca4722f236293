package io.cairn.repository;

/** Data read from the repository failed its MAC or hash check, or cannot be parsed. */
public class CorruptDataException extends RepositoryException {
    public CorruptDataException(String message) {
        super(message);
    }

    public CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
