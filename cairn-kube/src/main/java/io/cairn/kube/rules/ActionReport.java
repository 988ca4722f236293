package io.cairn.kube.rules;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One action run in one pod, as recorded in backup.json.
 *
 * @param phase      "pre", "post", or "end" (a background session ended)
 * @param command    the argv
 * @param container  where it ran (null: the pod's default container)
 * @param background true for a session held open through the snapshot
 * @param outcome    how it ended ({@link ExecResult.Outcome}), or "SKIPPED" when not run after a failure elsewhere
 * @param exitCode   null when it did not run to the end
 * @param stdout     capped output
 * @param stderr     capped output
 * @param error      the cause of a failure, else null
 */
public record ActionReport(String phase, List<String> command, String container, boolean background, String outcome,
                           Integer exitCode, String stdout, String stderr, OffsetDateTime start, OffsetDateTime end,
                           long millis, String error) {
    public static final String SKIPPED = "SKIPPED";

    public ActionReport {
        command = command == null ? List.of() : List.copyOf(command);
    }

    public boolean succeeded() {
        return error == null && !SKIPPED.equals(outcome);
    }
}
