package io.cairn.kube.backup;

/** Progress of one backup; every method has a do-nothing default. Called from capture threads. */
public interface BackupListener {
    BackupListener NONE = new BackupListener() {
    };

    /** Discovery found this many listable types (after the resource filter). */
    default void typesDiscovered(int count) {
    }

    /** One object was stored (or, in a dry run, planned). */
    default void objectCaptured(ManifestItem item) {
    }

    default void warning(ItemProblem problem) {
    }

    default void error(ItemProblem problem) {
    }
}
