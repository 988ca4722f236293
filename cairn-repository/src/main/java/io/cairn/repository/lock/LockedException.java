package io.cairn.repository.lock;

import io.cairn.repository.RepositoryException;

/** The repository is locked by someone else in a way that conflicts with the lock asked for. */
public class LockedException extends RepositoryException {
    private final LockInfo holder;

    public LockedException(String message, LockInfo holder) {
        super(message);
        this.holder = holder;
    }

    /** The conflicting lock. */
    public LockInfo holder() {
        return holder;
    }
}
