package io.cairn.kube.graph;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the objects an app closure looks at, each list once (per namespace) and lazily, through the typed
 * fabric8 client. A list the account may not read (403) becomes an empty list and a warning in the plan.
 * Only used for app closures, so it holds at most a namespace's worth of workload-related objects.
 */
final class ClusterView {
    private final KubernetesClient client;
    private final ClosurePlan plan;
    private final Map<String, List<? extends HasMetadata>> lists = new HashMap<>();
    private final Map<String, Optional<CustomResourceDefinition>> crds = new HashMap<>();

    ClusterView(KubernetesClient client, ClosurePlan plan) {
        this.client = client;
        this.plan = plan;
    }

    KubernetesClient client() {
        return client;
    }

    @SuppressWarnings("unchecked")
    <T extends HasMetadata> List<T> list(String namespace, String what, Supplier<List<T>> loader) {
        String key = namespace + "/" + what;
        List<? extends HasMetadata> cached = lists.get(key);
        if (cached == null) {
            try {
                cached = loader.get();
            } catch (KubernetesClientException e) {
                String subject = what + (namespace == null ? "" : " in namespace " + namespace);
                plan.warn(subject, (e.getCode() == 403 ? "forbidden: " : "cannot list: ") + e.getMessage());
                cached = List.of();
            }
            lists.put(key, cached);
        }
        return (List<T>) cached;
    }

    List<Pod> pods(String ns) {
        return list(ns, "pods", () -> client.pods().inNamespace(ns).list().getItems());
    }

    List<ServiceAccount> serviceAccounts(String ns) {
        return list(ns, "serviceaccounts", () -> client.serviceAccounts().inNamespace(ns).list().getItems());
    }

    /**
     * RoleBindings that may grant a service account of {@code ns}: those of every namespace (a binding in
     * another namespace can name it), or only those of {@code ns} when listing across namespaces is forbidden.
     */
    List<RoleBinding> roleBindingsThatMayGrant(String ns) {
        List<RoleBinding> all = list(null, "rolebindings.rbac.authorization.k8s.io",
                () -> client.rbac().roleBindings().inAnyNamespace().list().getItems());
        if (!all.isEmpty()) {
            return all;
        }
        return list(ns, "rolebindings.rbac.authorization.k8s.io",
                () -> client.rbac().roleBindings().inNamespace(ns).list().getItems());
    }

    List<ClusterRoleBinding> clusterRoleBindings() {
        return list(null, "clusterrolebindings.rbac.authorization.k8s.io",
                () -> client.rbac().clusterRoleBindings().list().getItems());
    }

    /** The CRD named "plural.group", if the type is a custom resource and the CRD is readable. */
    Optional<CustomResourceDefinition> crd(String name) {
        return crds.computeIfAbsent(name, n -> {
            try {
                return Optional.ofNullable(client.apiextensions().v1().customResourceDefinitions().withName(n).get());
            } catch (KubernetesClientException e) {
                return Optional.empty();
            }
        });
    }

    /** Gets one object, or null when it does not exist; a 403 becomes a warning and null. */
    <T> T get(String subject, Supplier<T> getter) {
        try {
            return getter.get();
        } catch (KubernetesClientException e) {
            plan.warn(subject, (e.getCode() == 403 ? "forbidden: " : "cannot read: ") + e.getMessage());
            return null;
        }
    }
}
