package io.cairn.kube.rules;

import io.cairn.kube.rules.Action.RunIn;
import io.cairn.kube.selection.LabelSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Matches rules to the pods a backup captures: namespaces and label selector (evaluated here, not by the API
 * server), or the exact pods of an annotation rule; keeps {@code runIn: one} actions for the first pod only
 * (by namespace and name); adds a rule for every pod with hook annotations. A rule that matches no pod is a
 * warning, or an error when it is {@code required}; malformed annotations are an error for their pod.
 */
public final class RuleResolver {
    private RuleResolver() {
    }

    public static QuiescePlan resolve(List<Rule> rules, List<PodInfo> pods) {
        List<PodInfo> sorted = pods.stream().sorted(Comparator.comparing(PodInfo::ref)).toList();
        List<PodTarget> targets = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Rule rule : rules) {
            LabelSelector selector = LabelSelector.parse(rule.selector());
            List<PodInfo> matched = sorted.stream().filter(p -> matches(rule, selector, p)).toList();
            if (matched.isEmpty()) {
                String msg = "rule " + rule.name() + ": no pod in the backup matches"
                        + (rule.selector().isEmpty() ? "" : " selector '" + rule.selector() + "'")
                        + (rule.namespaces().isEmpty() ? "" : " in namespaces " + String.join(", ", rule.namespaces()));
                (rule.required() ? errors : warnings).add(msg + (rule.required() ? " (the rule is required)" : ""));
            }
            for (int i = 0; i < matched.size(); i++) {
                targets.add(target(rule, matched.get(i), i == 0));
            }
        }
        for (PodInfo pod : sorted) {
            try {
                Rule rule = HookAnnotations.rule(pod.ref(), pod.annotations());
                if (rule != null) {
                    targets.add(target(rule, pod, true));
                }
            } catch (InvalidRulesException e) {
                errors.addAll(e.problems());
            }
        }
        return new QuiescePlan(targets, warnings, errors);
    }

    private static boolean matches(Rule rule, LabelSelector selector, PodInfo pod) {
        if (!rule.pods().isEmpty()) {
            return rule.pods().contains(pod.ref());
        }
        return (rule.namespaces().isEmpty() || rule.namespaces().contains(pod.ref().namespace()))
                && selector.matches(pod.labels());
    }

    private static PodTarget target(Rule rule, PodInfo pod, boolean first) {
        String container = rule.container() != null ? rule.container()
                : pod.containers().isEmpty() ? null : pod.containers().get(0);
        return new PodTarget(rule.name(), pod.ref(), container, keep(rule.pre(), first), keep(rule.post(), first));
    }

    private static List<Action> keep(List<Action> actions, boolean first) {
        return actions.stream().filter(a -> first || a.runIn() == RunIn.ALL).toList();
    }
}
