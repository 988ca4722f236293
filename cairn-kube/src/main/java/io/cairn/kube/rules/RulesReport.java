package io.cairn.kube.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The {@code rules} section of backup.json: what the rules engine did around the snapshot step.
 *
 * @param snapshotTaken      true when the snapshot step ran and succeeded
 * @param freezeStart        when the first pre action started (null if none ran)
 * @param freezeEnd          when the last post action (or session end) finished
 * @param freezeWindowMillis freezeEnd − freezeStart: how long the application was quiesced
 * @param snapshotStart      when the snapshot step started (null if it did not run)
 * @param snapshotMillis     how long the snapshot step took
 * @param allReleased        false when some pod may still be quiesced (it stays in the durable record; run
 *                           {@code cairn backup release NAME})
 * @param pods               per pod and rule, every action with output, exit code and times
 * @param warnings           e.g. a rule that matched no pod, a Continue action that failed
 * @param errors             what failed the backup (or the release)
 */
public record RulesReport(boolean snapshotTaken, OffsetDateTime freezeStart, OffsetDateTime freezeEnd,
                          long freezeWindowMillis, OffsetDateTime snapshotStart, OffsetDateTime snapshotEnd,
                          long snapshotMillis, boolean allReleased, List<PodReport> pods, List<String> warnings,
                          List<String> errors) {
    public RulesReport {
        pods = pods == null ? List.of() : List.copyOf(pods);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** True when the backup must be marked failed: no snapshot, or a pod left quiesced, or an error. */
    @JsonIgnore
    public boolean failed() {
        return !errors.isEmpty() || !allReleased;
    }
}
