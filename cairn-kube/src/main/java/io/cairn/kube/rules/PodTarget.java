package io.cairn.kube.rules;

import java.util.List;

/**
 * What the engine does in one pod for one rule: its pre actions, then (after the snapshot step) its post actions.
 *
 * @param container the container of actions that name none; null for the pod's default container
 */
public record PodTarget(String rule, PodRef pod, String container, List<Action> pre, List<Action> post) {
    public PodTarget {
        pre = List.copyOf(pre);
        post = List.copyOf(post);
    }

    String containerOf(Action a) {
        return a.container() != null ? a.container() : container;
    }
}
