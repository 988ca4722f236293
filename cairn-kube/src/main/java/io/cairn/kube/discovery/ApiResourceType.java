package io.cairn.kube.discovery;

import java.util.List;

/**
 * One listable resource type the API server serves, at its group's preferred version.
 *
 * @param group    API group, "" for core
 * @param version  preferred version of the group
 * @param kind     e.g. "Deployment"
 * @param resource plural name used in URLs, e.g. "deployments"
 */
public record ApiResourceType(String group, String version, String kind, String resource, boolean namespaced,
                              List<String> verbs) {

    public ApiResourceType {
        verbs = verbs == null ? List.of() : List.copyOf(verbs);
    }

    /** "v1" or "apps/v1". */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** "deployments.apps", or "configmaps" for core: how users name the type in include/exclude lists. */
    public String qualifiedResource() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    /** The collection path, in one namespace (or cluster-wide when namespace is null). */
    public String collectionPath(String namespace) {
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        return namespace == null || !namespaced
                ? prefix + "/" + resource
                : prefix + "/namespaces/" + namespace + "/" + resource;
    }

    /** The path of one object. */
    public String objectPath(String namespace, String name) {
        return collectionPath(namespace) + "/" + name;
    }

    public boolean supports(String verb) {
        return verbs.contains(verb);
    }
}
