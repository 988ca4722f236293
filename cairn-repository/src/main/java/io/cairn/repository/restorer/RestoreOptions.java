package io.cairn.repository.restorer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How to restore. {@code threads} packs are read in parallel; {@code restoreOwnership} sets uid/gid and
 * creates device nodes (only root may do either).
 */
public record RestoreOptions(int threads, boolean restoreOwnership) {
    public RestoreOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }

    /** One thread per core; ownership restored when running as root. */
    public static RestoreOptions defaults() {
        return new RestoreOptions(Runtime.getRuntime().availableProcessors(), runningAsRoot());
    }

    public RestoreOptions withThreads(int n) {
        return new RestoreOptions(n, restoreOwnership);
    }

    public RestoreOptions withOwnership(boolean restore) {
        return new RestoreOptions(threads, restore);
    }

    static boolean runningAsRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
