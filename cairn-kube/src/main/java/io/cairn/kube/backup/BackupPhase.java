package io.cairn.kube.backup;

/** How a backup ended. */
public enum BackupPhase {
    /** Everything asked for was captured (warnings may still be recorded). */
    COMPLETED,
    /** Some objects or types could not be captured; the manifest's errors and missed warnings say which. */
    PARTIALLY_FAILED,
    /** Nothing could be captured. */
    FAILED
}
