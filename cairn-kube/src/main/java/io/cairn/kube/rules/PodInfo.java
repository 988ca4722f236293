package io.cairn.kube.rules;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/** What rules need to know of a pod: its labels (selectors), annotations (hooks) and container names. */
public record PodInfo(PodRef ref, Map<String, String> labels, Map<String, String> annotations, List<String> containers) {
    public PodInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    public static PodInfo of(Pod pod) {
        List<String> containers = pod.getSpec() == null ? List.of()
                : pod.getSpec().getContainers().stream().map(Container::getName).toList();
        return new PodInfo(new PodRef(pod.getMetadata().getNamespace(), pod.getMetadata().getName()),
                pod.getMetadata().getLabels(), pod.getMetadata().getAnnotations(), containers);
    }
}
