package io.cairn.kube.testing;

import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;

/**
 * Discovery documents of a Kubernetes 1.31 API server (core v1, apps, batch, rbac, networking, policy,
 * autoscaling with v2 preferred, storage, apiextensions) plus one custom group with two versions, served
 * by the mock server through expectations (its CRUD mode does not serve discovery of built-in groups).
 */
public final class DiscoveryFixture {
    public static final String CUSTOM_GROUP = "cache.example.com";
    private static final String RW = "\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"";
    private static final String SUB = "\"get\",\"patch\",\"update\"";

    private DiscoveryFixture() {
    }

    /** Sets the version (/version) and registers /api, /api/v1, /apis and every group's preferred version. */
    public static void stub(KubernetesMockServer server) {
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("31").withGitVersion("v1.31.2")
                .withGitCommit("5864a4677267e6adeae276ad85882a8714d69d9d").withGitTreeState("clean")
                .withGoVersion("go1.22.8").withCompiler("gc").withPlatform("linux/amd64").build());
        documents((path, json) -> server.expect().get().withPath(path).andReturn(200, json).always());
    }

    /** The discovery documents by path (/api, /api/v1, /apis, each group's preferred version), for any server. */
    public static void documents(java.util.function.BiConsumer<String, String> sink) {
        sink.accept("/api", """
                {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"10.0.0.1:6443"}]}""");
        sink.accept("/api/v1", resourceList("v1",
                r("bindings", "Binding", true, "\"create\""),
                r("componentstatuses", "ComponentStatus", false, "\"get\",\"list\""),
                r("configmaps", "ConfigMap", true, RW),
                r("endpoints", "Endpoints", true, RW),
                r("events", "Event", true, RW),
                r("limitranges", "LimitRange", true, RW),
                r("namespaces", "Namespace", false, "\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\""),
                r("namespaces/finalize", "Namespace", false, "\"update\""),
                r("namespaces/status", "Namespace", false, SUB),
                r("nodes", "Node", false, RW),
                r("nodes/proxy", "NodeProxyOptions", false, "\"create\",\"delete\",\"get\",\"patch\",\"update\""),
                r("nodes/status", "Node", false, SUB),
                r("persistentvolumeclaims", "PersistentVolumeClaim", true, RW),
                r("persistentvolumeclaims/status", "PersistentVolumeClaim", true, SUB),
                r("persistentvolumes", "PersistentVolume", false, RW),
                r("persistentvolumes/status", "PersistentVolume", false, SUB),
                r("pods", "Pod", true, RW),
                r("pods/attach", "PodAttachOptions", true, "\"create\",\"get\""),
                r("pods/binding", "Binding", true, "\"create\""),
                r("pods/eviction", "Eviction", true, "\"create\""),
                r("pods/exec", "PodExecOptions", true, "\"create\",\"get\""),
                r("pods/log", "Pod", true, "\"get\""),
                r("pods/status", "Pod", true, SUB),
                r("podtemplates", "PodTemplate", true, RW),
                r("replicationcontrollers", "ReplicationController", true, RW),
                r("replicationcontrollers/scale", "Scale", true, SUB),
                r("resourcequotas", "ResourceQuota", true, RW),
                r("secrets", "Secret", true, RW),
                r("serviceaccounts", "ServiceAccount", true, RW),
                r("serviceaccounts/token", "TokenRequest", true, "\"create\""),
                r("services", "Service", true, RW),
                r("services/proxy", "ServiceProxyOptions", true, "\"create\",\"delete\",\"get\",\"patch\",\"update\""),
                r("services/status", "Service", true, SUB)));
        sink.accept("/apis", """
                {"kind":"APIGroupList","apiVersion":"v1","groups":[
                 %s,%s,%s,%s,%s,%s,
                 {"name":"autoscaling","versions":[{"groupVersion":"autoscaling/v2","version":"v2"},{"groupVersion":"autoscaling/v1","version":"v1"}],
                  "preferredVersion":{"groupVersion":"autoscaling/v2","version":"v2"}},
                 %s,
                 {"name":"cache.example.com","versions":[{"groupVersion":"cache.example.com/v1","version":"v1"},{"groupVersion":"cache.example.com/v1alpha1","version":"v1alpha1"}],
                  "preferredVersion":{"groupVersion":"cache.example.com/v1","version":"v1"}}]}"""
                .formatted(group("apps"), group("batch"), group("rbac.authorization.k8s.io"),
                        group("networking.k8s.io"), group("policy"), group("storage.k8s.io"),
                        group("apiextensions.k8s.io")));
        sink.accept("/apis/apps/v1", resourceList("apps/v1",
                r("controllerrevisions", "ControllerRevision", true, RW),
                r("daemonsets", "DaemonSet", true, RW),
                r("daemonsets/status", "DaemonSet", true, SUB),
                r("deployments", "Deployment", true, RW),
                r("deployments/scale", "Scale", true, SUB),
                r("deployments/status", "Deployment", true, SUB),
                r("replicasets", "ReplicaSet", true, RW),
                r("replicasets/scale", "Scale", true, SUB),
                r("replicasets/status", "ReplicaSet", true, SUB),
                r("statefulsets", "StatefulSet", true, RW),
                r("statefulsets/scale", "Scale", true, SUB),
                r("statefulsets/status", "StatefulSet", true, SUB)));
        sink.accept("/apis/batch/v1", resourceList("batch/v1",
                r("cronjobs", "CronJob", true, RW),
                r("cronjobs/status", "CronJob", true, SUB),
                r("jobs", "Job", true, RW),
                r("jobs/status", "Job", true, SUB)));
        sink.accept("/apis/rbac.authorization.k8s.io/v1", resourceList("rbac.authorization.k8s.io/v1",
                r("clusterrolebindings", "ClusterRoleBinding", false, RW),
                r("clusterroles", "ClusterRole", false, RW),
                r("rolebindings", "RoleBinding", true, RW),
                r("roles", "Role", true, RW)));
        sink.accept("/apis/networking.k8s.io/v1", resourceList("networking.k8s.io/v1",
                r("ingressclasses", "IngressClass", false, RW),
                r("ingresses", "Ingress", true, RW),
                r("ingresses/status", "Ingress", true, SUB),
                r("networkpolicies", "NetworkPolicy", true, RW)));
        sink.accept("/apis/policy/v1", resourceList("policy/v1",
                r("poddisruptionbudgets", "PodDisruptionBudget", true, RW),
                r("poddisruptionbudgets/status", "PodDisruptionBudget", true, SUB)));
        sink.accept("/apis/autoscaling/v2", resourceList("autoscaling/v2",
                r("horizontalpodautoscalers", "HorizontalPodAutoscaler", true, RW),
                r("horizontalpodautoscalers/status", "HorizontalPodAutoscaler", true, SUB)));
        sink.accept("/apis/storage.k8s.io/v1", resourceList("storage.k8s.io/v1",
                r("csidrivers", "CSIDriver", false, RW),
                r("csinodes", "CSINode", false, RW),
                r("csistoragecapacities", "CSIStorageCapacity", true, RW),
                r("storageclasses", "StorageClass", false, RW),
                r("volumeattachments", "VolumeAttachment", false, RW),
                r("volumeattachments/status", "VolumeAttachment", false, SUB)));
        sink.accept("/apis/apiextensions.k8s.io/v1", resourceList("apiextensions.k8s.io/v1",
                r("customresourcedefinitions", "CustomResourceDefinition", false, RW),
                r("customresourcedefinitions/status", "CustomResourceDefinition", false, SUB)));
        sink.accept("/apis/cache.example.com/v1", resourceList("cache.example.com/v1",
                r("memcacheds", "Memcached", true, RW),
                r("memcacheds/status", "Memcached", true, SUB)));
    }

    private static String group(String name) {
        return """
                {"name":"%1$s","versions":[{"groupVersion":"%1$s/v1","version":"v1"}],"preferredVersion":{"groupVersion":"%1$s/v1","version":"v1"}}"""
                .formatted(name);
    }

    private static String r(String name, String kind, boolean namespaced, String verbs) {
        String singular = name.contains("/") ? "" : kind.toLowerCase();
        return """
                {"name":"%s","singularName":"%s","namespaced":%s,"kind":"%s","verbs":[%s]}"""
                .formatted(name, singular, namespaced, kind, verbs);
    }

    private static String resourceList(String groupVersion, String... resources) {
        List<String> list = new ArrayList<>(List.of(resources));
        return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + groupVersion
                + "\",\"resources\":[" + String.join(",", list) + "]}";
    }
}
