package io.cairn.repository.restorer;

import io.cairn.repository.RepositoryException;

/**
 * A tree would make the restorer write outside its target: a node name that is empty, {@code .}, {@code ..},
 * contains {@code /} or NUL, or appears twice in one directory. Thrown before anything is written.
 */
public class UnsafePathException extends RepositoryException {
    public UnsafePathException(String message) {
        super(message);
    }
}
