package io.cairn.repository.restorer;

/** A problem with one entry that did not stop the restore, e.g. ownership that could not be set. */
public record RestoreWarning(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
