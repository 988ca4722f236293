package io.cairn.kube.rules;

import java.util.List;

/**
 * Commands to run in the pods of one data service around the snapshot step, so that what the volumes hold is
 * consistent: {@code pre} actions quiesce (flush, lock, freeze), {@code post} actions release.
 * A rule applies to the pods the backup captures that match its namespaces and label selector.
 *
 * @param name       names the rule in reports
 * @param namespaces namespaces whose pods it applies to; empty means every namespace of the backup
 * @param selector   label selector (string form, evaluated client-side); empty means every pod
 * @param container  container to run in; null means the pod's first container
 * @param required   when true, a selector that matches no pod is an error instead of a warning
 * @param pre        actions before the snapshot step, in order
 * @param post       actions after the snapshot step, in order; they run on every pod whose pre actions started
 * @param pods       when not empty the rule applies to exactly these pods (rules made from pod annotations)
 */
public record Rule(String name, List<String> namespaces, String selector, String container, boolean required,
                   List<Action> pre, List<Action> post, List<PodRef> pods) {
    public Rule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a rule needs a name");
        }
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        selector = selector == null ? "" : selector.strip();
        pre = pre == null ? List.of() : List.copyOf(pre);
        post = post == null ? List.of() : List.copyOf(post);
        pods = pods == null ? List.of() : List.copyOf(pods);
        if (pre.isEmpty() && post.isEmpty()) {
            throw new IllegalArgumentException("rule '" + name + "' has no pre or post actions");
        }
    }

    /** A rule for the pods matching {@code selector} in {@code namespaces}. */
    public static Rule of(String name, List<String> namespaces, String selector, String container, List<Action> pre,
                          List<Action> post) {
        return new Rule(name, namespaces, selector, container, false, pre, post, List.of());
    }

    public Rule withRequired(boolean value) {
        return new Rule(name, namespaces, selector, container, value, pre, post, pods);
    }
}
