package io.cairn.kube.graph;

import io.cairn.kube.discovery.ApiResourceType;
import io.cairn.kube.discovery.DiscoveredTypes;
import io.cairn.kube.selection.BackupRequest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What one closure computation works with: the client, the discovered types, the plan, the cached reads. */
final class Context {
    final KubernetesClient client;
    final DiscoveredTypes types;
    final ClosurePlan plan;
    final ClusterView view;
    private final Set<String> unservedWarned = new HashSet<>();

    Context(KubernetesClient client, DiscoveredTypes types, ClosurePlan plan, ClusterView view) {
        this.client = client;
        this.types = types;
        this.plan = plan;
        this.view = view;
    }

    /**
     * Adds an object with a reason. Returns false (and adds nothing) when it carries the exclude label or its
     * type is not served; true otherwise, also when it was already in the plan.
     */
    boolean include(HasMetadata o, String reason) {
        Map<String, String> labels = o.getMetadata().getLabels();
        if (labels != null && "true".equals(labels.get(BackupRequest.EXCLUDE_LABEL))) {
            return false;
        }
        Optional<ApiResourceType> type = types.byApiVersionKind(o.getApiVersion(), o.getKind());
        if (type.isEmpty()) {
            if (unservedWarned.add(o.getApiVersion() + "/" + o.getKind())) {
                plan.warn(o.getKind() + " " + o.getMetadata().getName(),
                        "type " + o.getApiVersion() + " " + o.getKind() + " not found by discovery; not captured");
            }
            return false;
        }
        plan.add(ObjectRef.of(type.get(), o.getMetadata().getNamespace(), o.getMetadata().getName()), reason);
        return true;
    }

    void addNamespace(String ns, String reason) {
        Namespace namespace = view.get("namespace " + ns, () -> client.namespaces().withName(ns).get());
        if (namespace != null) {
            include(namespace, reason);
        }
    }

    /** The object named {@code name} in a list, or null. */
    static <T extends HasMetadata> T named(List<T> list, String name) {
        for (T o : list) {
            if (o.getMetadata().getName().equals(name)) {
                return o;
            }
        }
        return null;
    }
}
