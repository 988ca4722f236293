package io.cairn.repository.prune;

/** Progress of a prune; every method has a do-nothing default. */
public interface PruneListener {
    PruneListener NONE = new PruneListener() {
    };

    /** A step started: "loading index", "finding used blobs", "repacking", "rewriting index", "deleting packs". */
    default void step(String name) {
    }

    /** A non-fatal oddity worth telling the user (e.g. a pack the index lists but which is missing and unused). */
    default void warning(String message) {
    }
}
