package io.cairn.kube.restore.plan;

import io.cairn.kube.restore.ResourceType;
import java.util.List;
import java.util.Set;

/**
 * The order in which resource types are restored so that what an object depends on exists first: CRDs
 * (then a wait until they are established), namespaces, storage classes, PVs, PVCs, service accounts,
 * secrets, config maps, RBAC, limit ranges, quotas, services, workloads, everything else, custom resources.
 */
public final class RestorePriority {
    /** The explicit order; types not listed come after them, custom resources last. */
    public static final List<ResourceType> ORDER = List.of(
            ResourceType.CUSTOM_RESOURCE_DEFINITIONS,
            ResourceType.NAMESPACES,
            ResourceType.STORAGE_CLASSES,
            ResourceType.PERSISTENT_VOLUMES,
            ResourceType.PERSISTENT_VOLUME_CLAIMS,
            ResourceType.SERVICE_ACCOUNTS,
            ResourceType.SECRETS,
            ResourceType.CONFIG_MAPS,
            ResourceType.rbac("clusterroles"),
            ResourceType.rbac("roles"),
            ResourceType.CLUSTER_ROLE_BINDINGS,
            ResourceType.ROLE_BINDINGS,
            ResourceType.core("limitranges"),
            ResourceType.core("resourcequotas"),
            ResourceType.SERVICES,
            new ResourceType("apps", "deployments"),
            new ResourceType("apps", "statefulsets"),
            new ResourceType("apps", "daemonsets"),
            ResourceType.REPLICA_SETS,
            ResourceType.core("replicationcontrollers"),
            new ResourceType("batch", "cronjobs"),
            ResourceType.JOBS,
            ResourceType.PODS);

    /** The rank of "everything else". */
    public static final int OTHER = ORDER.size();
    /** The rank of custom resources. */
    public static final int CUSTOM = ORDER.size() + 1;

    /** API groups served by Kubernetes itself; any other group holds custom resources (or aggregated APIs). */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy", "extensions",
            "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "apiextensions.k8s.io",
            "admissionregistration.k8s.io", "apiregistration.k8s.io", "certificates.k8s.io", "coordination.k8s.io",
            "discovery.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io", "node.k8s.io", "scheduling.k8s.io",
            "resource.k8s.io", "storagemigration.k8s.io", "internal.apiserver.k8s.io", "authentication.k8s.io",
            "authorization.k8s.io");

    private RestorePriority() {
    }

    /**
     * The rank of a type: its index in {@link #ORDER}, {@link #OTHER}, or {@link #CUSTOM} for types defined by a
     * CRD of the backup or outside the built-in groups.
     */
    public static int rank(ResourceType type, Set<ResourceType> customTypes) {
        int i = ORDER.indexOf(type);
        if (i >= 0) {
            return i;
        }
        return customTypes.contains(type) || !BUILT_IN_GROUPS.contains(type.group()) ? CUSTOM : OTHER;
    }
}
