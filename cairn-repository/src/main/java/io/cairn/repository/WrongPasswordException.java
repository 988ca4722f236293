package io.cairn.repository;

/** No key file in the repository opens with the given password. */
public class WrongPasswordException extends RepositoryException {
    public WrongPasswordException(String message) {
        super(message);
    }
}
