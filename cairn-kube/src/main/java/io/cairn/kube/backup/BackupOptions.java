package io.cairn.kube.backup;

import java.time.Clock;

/**
 * Tuning of a backup run.
 *
 * @param parallelism how many lists/gets run at once
 * @param pageSize    items per list page (the API's limit parameter)
 * @param clock       start/end times
 */
public record BackupOptions(int parallelism, int pageSize, Clock clock) {
    public static final BackupOptions DEFAULTS = new BackupOptions(4, 500, Clock.systemUTC());

    public BackupOptions {
        if (parallelism < 1 || pageSize < 1) {
            throw new IllegalArgumentException("parallelism and page size must be positive");
        }
    }

    public BackupOptions withParallelism(int value) {
        return new BackupOptions(value, pageSize, clock);
    }

    public BackupOptions withPageSize(int value) {
        return new BackupOptions(parallelism, value, clock);
    }

    public BackupOptions withClock(Clock value) {
        return new BackupOptions(parallelism, pageSize, value);
    }
}
