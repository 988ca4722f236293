package io.cairn.kube.selection;

import io.cairn.kube.discovery.ApiResourceType;
import java.util.List;

/** Include/exclude resource type patterns; no include patterns means every type. */
public record ResourceFilter(List<ResourcePattern> include, List<ResourcePattern> exclude) {

    public boolean matches(ApiResourceType type) {
        boolean in = include.isEmpty() || include.stream().anyMatch(p -> p.matches(type));
        return in && exclude.stream().noneMatch(p -> p.matches(type));
    }

    /** Patterns without wildcards that match none of the given types: unknown resource types. */
    public List<String> unknown(List<ApiResourceType> types) {
        return java.util.stream.Stream.concat(include.stream(), exclude.stream())
                .filter(ResourcePattern::isLiteral)
                .filter(p -> types.stream().noneMatch(p::matches))
                .map(ResourcePattern::toString).toList();
    }
}
