package io.cairn.kube.graph;

import io.cairn.kube.discovery.ApiResourceType;
import java.util.Locale;

/** One API object: its type (at the version it is read with), namespace (null if cluster-scoped) and name. */
public record ObjectRef(String group, String version, String kind, String resource, String namespace, String name) {

    public static ObjectRef of(ApiResourceType type, String namespace, String name) {
        return new ObjectRef(type.group(), type.version(), type.kind(), type.resource(),
                type.namespaced() ? namespace : null, name);
    }

    public String qualifiedResource() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String path() {
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        return namespace == null ? prefix + "/" + resource + "/" + name
                : prefix + "/namespaces/" + namespace + "/" + resource + "/" + name;
    }

    /** "statefulset/db" as in kubectl and the dry-run listing. */
    public String shortName() {
        return kind.toLowerCase(Locale.ROOT) + "/" + name;
    }

    @Override
    public String toString() {
        return namespace == null ? shortName() : namespace + "/" + shortName();
    }
}
