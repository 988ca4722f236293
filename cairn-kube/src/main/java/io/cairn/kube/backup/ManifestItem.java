package io.cairn.kube.backup;

import java.util.List;

/**
 * One object of a backup as backup.json lists it.
 *
 * @param namespace null for cluster-scoped objects
 * @param group     "" for the core group
 * @param path      where its JSON is inside the snapshot, e.g. "resources/shop/apps/deployments/web.json"
 * @param reasons   why it was included ("mounted by pod db-0 of statefulset/db")
 */
public record ManifestItem(String namespace, String group, String version, String kind, String resource, String name,
                           String path, List<String> reasons) {

    public ManifestItem {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** One line of a dry-run listing: "persistentvolumeclaim shop/data-db-0: mounted by pod db-0 of statefulset/db". */
    public String describe() {
        return kind.toLowerCase(java.util.Locale.ROOT) + " " + (namespace == null ? "" : namespace + "/") + name
                + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
    }

    public String qualifiedResource() {
        return group == null || group.isEmpty() ? resource : resource + "." + group;
    }
}
