package io.cairn.kube.selection;

/**
 * Malformed user input (selector, glob, KIND/NAME, backup name); the message names the bad part and why.
 * Thrown by the parsers both the backup and the restore side use; where the parser knows what was malformed,
 * {@link #subject()}, {@link #input()} and {@link #reason()} hold the parts so a caller can word the message
 * its own way.
 */
public class InvalidRequestException extends IllegalArgumentException {
    private final String subject;
    private final String input;
    private final String reason;

    public InvalidRequestException(String message) {
        super(message);
        this.subject = null;
        this.input = null;
        this.reason = message;
    }

    /** "bad {subject} '{input}': {reason}", e.g. "bad label selector 'app in web': expected '(' …". */
    public InvalidRequestException(String subject, String input, String reason) {
        super("bad " + subject + " '" + input + "': " + reason);
        this.subject = subject;
        this.input = input;
        this.reason = reason;
    }

    /** What was malformed ("label selector", "pattern"), or null when only the message is known. */
    public String subject() {
        return subject;
    }

    /** The malformed text as given, or null when only the message is known. */
    public String input() {
        return input;
    }

    /** Why it is malformed (the whole message when only the message is known). */
    public String reason() {
        return reason;
    }
}
