package io.cairn.kube.restore;

import java.util.Locale;

/**
 * A resource type as the backup stores it: API group ("" for core) and resource plural, e.g.
 * {@code ("apps", "deployments")}. The version and kind come from each stored object.
 */
public record ResourceType(String group, String resource) {
    public static final ResourceType CUSTOM_RESOURCE_DEFINITIONS = new ResourceType("apiextensions.k8s.io", "customresourcedefinitions");
    public static final ResourceType NAMESPACES = core("namespaces");
    public static final ResourceType STORAGE_CLASSES = new ResourceType("storage.k8s.io", "storageclasses");
    public static final ResourceType PERSISTENT_VOLUMES = core("persistentvolumes");
    public static final ResourceType PERSISTENT_VOLUME_CLAIMS = core("persistentvolumeclaims");
    public static final ResourceType SERVICE_ACCOUNTS = core("serviceaccounts");
    public static final ResourceType SECRETS = core("secrets");
    public static final ResourceType CONFIG_MAPS = core("configmaps");
    public static final ResourceType SERVICES = core("services");
    public static final ResourceType ENDPOINTS = core("endpoints");
    public static final ResourceType ENDPOINT_SLICES = new ResourceType("discovery.k8s.io", "endpointslices");
    public static final ResourceType EVENTS = core("events");
    public static final ResourceType EVENTS_V1 = new ResourceType("events.k8s.io", "events");
    public static final ResourceType PODS = core("pods");
    public static final ResourceType REPLICA_SETS = new ResourceType("apps", "replicasets");
    public static final ResourceType JOBS = new ResourceType("batch", "jobs");
    public static final ResourceType ROLE_BINDINGS = rbac("rolebindings");
    public static final ResourceType CLUSTER_ROLE_BINDINGS = rbac("clusterrolebindings");

    public ResourceType {
        group = group == null ? "" : group;
        resource = resource.toLowerCase(Locale.ROOT);
    }

    public static ResourceType core(String resource) {
        return new ResourceType("", resource);
    }

    public static ResourceType rbac(String resource) {
        return new ResourceType("rbac.authorization.k8s.io", resource);
    }

    /** {@code resource} for core, {@code resource.group} otherwise — also the name of a CRD. */
    @Override
    public String toString() {
        return group.isEmpty() ? resource : resource + "." + group;
    }
}
