package io.cairn.repository.backend;

/** The container the repository lives in (an S3 bucket) does not exist. Never retried. */
public class BackendMissingException extends BackendException {
    public BackendMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
