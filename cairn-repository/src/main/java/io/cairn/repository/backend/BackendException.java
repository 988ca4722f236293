package io.cairn.repository.backend;

import io.cairn.repository.RepositoryException;

/** A backend could not do what was asked; subclasses say why (credentials, network, a missing bucket…). */
public class BackendException extends RepositoryException {
    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
