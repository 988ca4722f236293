package io.cairn.kube.volumes;

import java.util.Locale;

/** How a PVC's data gets into a backup. Chosen by the PVC's {@value #ANNOTATION} annotation, else the request. */
public enum VolumeMethod {
    /** A CSI VolumeSnapshot inside the freeze window; after it, a mover reads a PVC made from the snapshot. */
    SNAPSHOT_MOVE("snapshot+move"),
    /** A mover reads the live PVC, read-only, on the consuming pod's node, inside the freeze window. */
    FS("fs"),
    /** Objects only. */
    SKIP("skip");

    public static final String ANNOTATION = "cairn.io/volume-method";

    private final String text;

    VolumeMethod(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** snapshot+move, fs or skip (case-insensitive). */
    public static VolumeMethod parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (VolumeMethod m : values()) {
            if (m.text.equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown volume method '" + value + "' (expected snapshot+move, fs or skip)");
    }

    @Override
    public String toString() {
        return text;
    }
}
