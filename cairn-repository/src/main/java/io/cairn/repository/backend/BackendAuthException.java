package io.cairn.repository.backend;

/** The storage refused the credentials or denied access (HTTP 403, bad key or signature). Never retried. */
public class BackendAuthException extends BackendException {
    public BackendAuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
