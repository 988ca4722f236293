package io.cairn.kube.archive;

/**
 * One API object as a backup stored it, with the coordinates of its file
 * ({@code /resources/<namespace|_cluster>/<group|core>/<resource>/<name>.json}).
 *
 * @param namespace the namespace directory, null for cluster-scoped objects
 * @param group     the API group, "" for core
 * @param resource  the resource (plural), e.g. "deployments"
 * @param name      the object's name (the file name without ".json")
 * @param json      the object exactly as the API returned it
 */
public record StoredObject(String namespace, String group, String resource, String name, byte[] json) {
    public boolean namespaced() {
        return namespace != null;
    }
}
