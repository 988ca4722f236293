package io.cairn.kube.archive;

import io.cairn.repository.Id;

/**
 * One {@code /resources/<namespace|_cluster>/<group|core>/<resource>} directory of a backup: all stored
 * objects of one resource type in one namespace (or cluster scope).
 *
 * @param namespace null for cluster-scoped objects
 * @param group     "" for the core group
 * @param tree      the directory's tree blob
 */
public record ResourceDirectory(String namespace, String group, String resource, Id tree) {
    public boolean namespaced() {
        return namespace != null;
    }
}
