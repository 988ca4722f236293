package io.cairn.repository.restorer;

import java.time.Duration;
import java.util.List;

/**
 * What a restore did. {@code files} counts regular files (hard links included), {@code dirs} directories,
 * {@code bytes} file content written or linked; symlinks, fifos and devices are counted in neither.
 */
public record RestoreResult(long files, long dirs, long bytes, List<RestoreWarning> warnings, Duration duration) {
    public RestoreResult {
        warnings = List.copyOf(warnings);
    }
}
