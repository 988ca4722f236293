package io.cairn.repository.backend;

/**
 * A failure that may go away when the call is repeated: a 5xx answer, a timeout, a connection reset.
 * {@link RetryBackend} retries these (and plain {@link java.io.IOException}s that are not repository errors).
 */
public class TransientBackendException extends BackendException {
    public TransientBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
