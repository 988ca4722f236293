package io.cairn.kube.selection;

/** Malformed user input (selector, glob, KIND/NAME, backup name); the message names the bad part and why. */
public class InvalidRequestException extends IllegalArgumentException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
