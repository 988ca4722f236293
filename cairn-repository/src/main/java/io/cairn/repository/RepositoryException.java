package io.cairn.repository;

import java.io.IOException;

/** Base of every checked failure the repository reports; subclasses say precisely what went wrong. */
public class RepositoryException extends IOException {
    public RepositoryException(String message) {
        super(message);
    }

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
