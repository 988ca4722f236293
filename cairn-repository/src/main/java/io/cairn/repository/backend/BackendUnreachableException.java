package io.cairn.repository.backend;

/** The storage endpoint cannot be reached at all: unknown host, connection refused. Never retried. */
public class BackendUnreachableException extends BackendException {
    public BackendUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
