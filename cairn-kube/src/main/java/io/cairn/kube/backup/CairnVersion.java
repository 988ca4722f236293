package io.cairn.kube.backup;

/** The running Cairn version (from the jar manifest, or the development version). */
public final class CairnVersion {
    private static final String VERSION = detect();

    private CairnVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String detect() {
        String v = CairnVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
