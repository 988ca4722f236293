package io.cairn.kube.backup;

/**
 * A warning or error about one object, one resource type or the request, as recorded in backup.json.
 *
 * @param namespace null when not about one namespace
 * @param resource  "secrets", "deployments.apps", or null when about the request or the cluster
 * @param name      the object's name, or null when about a whole type or namespace
 * @param message   what happened, naming the cause ("forbidden: ...")
 * @param missed    true when objects that were asked for are not in the backup because of it
 */
public record ItemProblem(String namespace, String resource, String name, String message, boolean missed) {

    /** "secrets in namespace shop: forbidden: ..." */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (resource != null) {
            s.append(resource);
        }
        if (name != null) {
            s.append(s.isEmpty() ? "" : " ").append(name);
        }
        if (namespace != null) {
            s.append(s.isEmpty() ? "namespace " : " in namespace ").append(namespace);
        }
        return (s.isEmpty() ? "" : s + ": ") + message;
    }
}
