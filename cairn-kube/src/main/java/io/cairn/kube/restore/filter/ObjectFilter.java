package io.cairn.kube.restore.filter;

import io.cairn.kube.selection.Glob;
import io.cairn.kube.selection.LabelSelector;
import io.cairn.kube.selection.ResourcePattern;
import java.util.List;
import java.util.Map;

/**
 * Which stored objects a restore takes: namespaces by glob (include, then exclude), resource types by
 * {@link ResourcePattern}, labels by {@link LabelSelector}. Empty include lists mean "all". Namespaces are
 * the backup's (before mapping).
 */
public record ObjectFilter(List<Glob> includeNamespaces, List<Glob> excludeNamespaces,
                           List<ResourcePattern> includeResources, List<ResourcePattern> excludeResources,
                           LabelSelector selector) {

    public static ObjectFilter everything() {
        return new ObjectFilter(List.of(), List.of(), List.of(), List.of(), LabelSelector.everything());
    }

    public boolean includesNamespace(String namespace) {
        if (!includeNamespaces.isEmpty() && includeNamespaces.stream().noneMatch(g -> g.matches(namespace))) {
            return false;
        }
        return excludeNamespaces.stream().noneMatch(g -> g.matches(namespace));
    }

    /** @param group "" for core */
    public boolean includesResource(String group, String resource) {
        if (!includeResources.isEmpty() && includeResources.stream().noneMatch(p -> p.matches(group, resource))) {
            return false;
        }
        return excludeResources.stream().noneMatch(p -> p.matches(group, resource));
    }

    public boolean matchesLabels(Map<String, String> labels) {
        return selector.matches(labels);
    }
}
