package io.cairn.kube.rules;

import java.util.List;

/**
 * The pods to quiesce for one backup and the problems found while choosing them. With errors the engine
 * freezes nothing and the backup fails; warnings are reported.
 */
public record QuiescePlan(List<PodTarget> targets, List<String> warnings, List<String> errors) {
    public QuiescePlan {
        targets = List.copyOf(targets);
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }

    public static QuiescePlan of(PodTarget... targets) {
        return new QuiescePlan(List.of(targets), List.of(), List.of());
    }
}
