package io.cairn.repository;

/** A snapshot, key, blob or file the caller named does not exist in the repository. */
public class NotFoundException extends RepositoryException {
    public NotFoundException(String message) {
        super(message);
    }
}
