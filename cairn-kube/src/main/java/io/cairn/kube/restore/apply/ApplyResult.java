package io.cairn.kube.restore.apply;

import io.cairn.kube.restore.Outcome;

/** What applying one object did; {@code httpCode} is set on failures that the API server answered. */
public record ApplyResult(Outcome outcome, String reason, Integer httpCode) {
    public static ApplyResult of(Outcome outcome) {
        return new ApplyResult(outcome, null, null);
    }

    public static ApplyResult skipped(String reason) {
        return new ApplyResult(Outcome.SKIPPED, reason, null);
    }

    public static ApplyResult failed(String reason, Integer httpCode) {
        return new ApplyResult(Outcome.FAILED, reason, httpCode);
    }
}
