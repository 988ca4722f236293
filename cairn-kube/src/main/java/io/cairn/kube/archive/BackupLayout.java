package io.cairn.kube.archive;

import java.util.List;

/**
 * Where things live inside one Cairn backup's snapshot tree (the contract between backup, restore and
 * users browsing with {@code restic ls}):
 * <pre>
 * /backup.json                                          the manifest: request, items, results, timings
 * /resources/&lt;namespace|_cluster&gt;/&lt;group|core&gt;/&lt;resource&gt;/&lt;name&gt;.json   each object as the API returned it
 * /volumes/&lt;namespace&gt;/&lt;pvc&gt;/...                          the files of each volume
 * </pre>
 */
public final class BackupLayout {
    public static final String MANIFEST = "backup.json";
    public static final String RESOURCES = "resources";
    public static final String VOLUMES = "volumes";
    /** Directory name used instead of a namespace for cluster-scoped objects. */
    public static final String CLUSTER_SCOPE = "_cluster";
    /** Directory name used for the core API group (whose name is empty). */
    public static final String CORE_GROUP = "core";
    /** Snapshot tag every Cairn backup carries; the backup name is tagged {@code backup=<name>} too. */
    public static final String TAG = "cairn";

    private BackupLayout() {
    }

    /** Path components of an object's file, e.g. [resources, shop, apps, deployments, web.json]. */
    public static List<String> resourcePath(String namespace, String group, String resource, String name) {
        return List.of(RESOURCES,
                namespace == null || namespace.isEmpty() ? CLUSTER_SCOPE : namespace,
                group == null || group.isEmpty() ? CORE_GROUP : group,
                resource,
                name + ".json");
    }

    /** The API group for a group directory name ("" for core). */
    public static String groupOf(String directory) {
        return CORE_GROUP.equals(directory) ? "" : directory;
    }

    /** The namespace for a namespace directory name (null for cluster-scoped). */
    public static String namespaceOf(String directory) {
        return CLUSTER_SCOPE.equals(directory) ? null : directory;
    }

    public static String backupTag(String backupName) {
        return "backup=" + backupName;
    }
}
