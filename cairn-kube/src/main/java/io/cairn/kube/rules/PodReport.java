package io.cairn.kube.rules;

import java.util.List;

/**
 * Everything the engine did in one pod for one rule.
 *
 * @param status "released" (pre ran, post ran), "not quiesced" (its pre actions never started),
 *               "release failed" (a post action failed: the pod may still be quiesced and stays in the durable
 *               record), "deleted" (the pod went away while quiesced)
 */
public record PodReport(String rule, String namespace, String pod, String container, String status,
                        List<ActionReport> actions) {
    public static final String RELEASED = "released";
    public static final String NOT_QUIESCED = "not quiesced";
    public static final String RELEASE_FAILED = "release failed";
    public static final String DELETED = "deleted";

    public PodReport {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
