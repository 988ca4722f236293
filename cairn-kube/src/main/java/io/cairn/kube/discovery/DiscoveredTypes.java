package io.cairn.kube.discovery;

import java.util.List;
import java.util.Optional;

/** The resource types found by {@link ApiDiscovery}, and the groups that could not be discovered. */
public record DiscoveredTypes(List<ApiResourceType> types, List<String> warnings) {

    public DiscoveredTypes {
        types = List.copyOf(types);
        warnings = List.copyOf(warnings);
    }

    /** The type with this group and plural resource name. */
    public Optional<ApiResourceType> byResource(String group, String resource) {
        return types.stream().filter(t -> t.group().equals(group) && t.resource().equals(resource)).findFirst();
    }

    /**
     * The type of this kind, optionally qualified by group ("Deployment", "deployment", "deployments",
     * "statefulset.apps", "CassandraDatacenter"). Core and the standard groups win over custom groups when
     * a bare kind is ambiguous.
     */
    public Optional<ApiResourceType> byKind(String kindOrResource) {
        String name = kindOrResource;
        String group = null;
        int dot = name.indexOf('.');
        if (dot > 0) {
            group = name.substring(dot + 1);
            name = name.substring(0, dot);
        }
        for (ApiResourceType t : types) {
            if (group != null && !t.group().equals(group)) {
                continue;
            }
            if (t.kind().equalsIgnoreCase(name) || t.resource().equalsIgnoreCase(name)
                    || (t.kind() + "s").equalsIgnoreCase(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type for an object's apiVersion and kind. */
    public Optional<ApiResourceType> byApiVersionKind(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return types.stream().filter(t -> t.group().equals(group) && t.kind().equals(kind)).findFirst();
    }
}
