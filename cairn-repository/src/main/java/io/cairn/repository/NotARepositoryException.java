package io.cairn.repository;

/** The location holds no repository (no config file), or does not exist. */
public class NotARepositoryException extends RepositoryException {
    public NotARepositoryException(String message) {
        super(message);
    }
}
