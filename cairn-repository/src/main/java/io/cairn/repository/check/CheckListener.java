package io.cairn.repository.check;

/** Progress of a check; every method has a do-nothing default. Called from several threads. */
public interface CheckListener {
    CheckListener NONE = new CheckListener() {
    };

    /** A problem was found (it is also in the result). */
    default void problem(Problem problem) {
    }

    /** One pack was read in full (with {@code readData}). */
    default void packRead(long done, long total) {
    }
}
