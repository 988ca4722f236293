package io.cairn.kube.graph;

import io.cairn.kube.discovery.ApiResourceType;
import io.cairn.kube.discovery.DiscoveredTypes;
import io.cairn.kube.selection.AppRef;
import io.cairn.kube.selection.BackupRequest;
import io.cairn.kube.selection.LabelSelector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes the closure of applications: a workload (any namespaced kind, built-in or custom), the
 * workloads and pods it owns (ownerReferences, or pods without a controller that match its selector), and
 * everything those pods need ({@link PodDependencies}) or that points at them ({@link Attachments}). Each
 * object carries the reasons it was picked. Objects labelled {@value BackupRequest#EXCLUDE_LABEL}=true are
 * left out, and so is what only they would have pulled in.
 */
public final class AppClosure {
    private final KubernetesClient client;
    private final DiscoveredTypes types;

    public AppClosure(KubernetesClient client, DiscoveredTypes types) {
        this.client = client;
        this.types = types;
    }

    /**
     * The closure of the named apps and of the workloads that the selectors pick in the given namespaces
     * (pass no selectors to pick none).
     */
    public ClosurePlan compute(List<AppRef> apps, List<String> selectorNamespaces, List<LabelSelector> selectors) {
        ClosurePlan plan = new ClosurePlan();
        Context ctx = new Context(client, types, plan, new ClusterView(client, plan));
        for (AppRef app : apps) {
            addApp(ctx, app);
        }
        if (!selectors.isEmpty()) {
            for (String ns : selectorNamespaces) {
                for (HasMetadata w : Workloads.topLevel(ctx.view, ns)) {
                    if (selectors.stream().anyMatch(s -> s.matches(w.getMetadata().getLabels()))) {
                        addRoot(ctx, ns, w, "matches the selector");
                    }
                }
            }
        }
        new CustomResourceDefinitions(ctx).addFor(plan);
        return plan;
    }

    private void addApp(Context ctx, AppRef app) {
        ApiResourceType type = types.byKind(app.kind()).orElse(null);
        String subject = "app " + app;
        if (type == null) {
            ctx.plan.error(subject, "unknown kind '" + app.kind() + "': the cluster serves no such resource type");
            return;
        }
        if (!type.namespaced()) {
            ctx.plan.error(subject, type.kind() + " is cluster-scoped; an app must be a namespaced workload");
            return;
        }
        GenericKubernetesResource root = ctx.view.get(subject, () -> client.genericKubernetesResources(
                type.apiVersion(), type.kind()).inNamespace(app.namespace()).withName(app.name()).get());
        if (root == null) {
            ctx.plan.error(subject, type.kind() + " '" + app.name() + "' not found in namespace " + app.namespace());
            return;
        }
        HasMetadata typed = Workloads.all(ctx.view, app.namespace()).stream()
                .filter(w -> Objects.equals(w.getMetadata().getUid(), root.getMetadata().getUid())
                        && w.getKind().equals(type.kind()))
                .findFirst().orElse(root);
        addRoot(ctx, app.namespace(), typed, "app " + ObjectRef.of(type, app.namespace(), app.name()).shortName());
    }

    /** Adds a workload and its whole closure. */
    private void addRoot(Context ctx, String ns, HasMetadata root, String reason) {
        if (!ctx.include(root, reason)) {
            return;
        }
        String rootName = root.getKind().toLowerCase(java.util.Locale.ROOT) + "/" + root.getMetadata().getName();
        ctx.addNamespace(ns, "namespace of " + rootName);
        Map<String, HasMetadata> members = new LinkedHashMap<>();
        members.put(root.getMetadata().getUid(), root);
        List<HasMetadata> candidates = Workloads.all(ctx.view, ns);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (HasMetadata c : candidates) {
                if (members.containsKey(c.getMetadata().getUid())) {
                    continue;
                }
                for (OwnerReference o : ownerRefs(c)) {
                    HasMetadata owner = members.get(o.getUid());
                    if (owner != null) {
                        if (ctx.include(c, "owned by " + shortName(owner))) {
                            members.put(c.getMetadata().getUid(), c);
                            changed = true;
                        }
                        break;
                    }
                }
            }
        }
        for (HasMetadata m : List.copyOf(members.values())) {
            LabelSelector selector = Selectors.of(Workloads.selector(m));
            if (selector == null || selector.isEverything()) {
                continue;
            }
            for (Pod pod : ctx.view.pods(ns)) {
                boolean hasController = ownerRefs(pod).stream().anyMatch(o -> Boolean.TRUE.equals(o.getController()));
                if (!hasController && !members.containsKey(pod.getMetadata().getUid())
                        && selector.matches(pod.getMetadata().getLabels())
                        && ctx.include(pod, "matches the selector of " + shortName(m))) {
                    members.put(pod.getMetadata().getUid(), pod);
                }
            }
        }
        List<Map<String, String>> podLabels = new ArrayList<>();
        PodDependencies deps = new PodDependencies(ctx);
        for (HasMetadata m : members.values()) {
            if (m instanceof Pod pod) {
                podLabels.add(labels(pod));
                deps.add(ns, pod.getSpec(), "pod " + pod.getMetadata().getName() + " of " + rootName);
            } else {
                PodTemplateSpec template = Workloads.template(m);
                boolean topLevel = ownerRefs(m).stream().noneMatch(o -> members.containsKey(o.getUid()));
                if (template != null && topLevel) {
                    podLabels.add(template.getMetadata() == null ? Map.of() : labels(template.getMetadata().getLabels()));
                    deps.add(ns, template.getSpec(), shortName(m));
                }
                if (m instanceof StatefulSet sts) {
                    deps.addClaimTemplates(ns, sts);
                }
            }
        }
        new Attachments(ctx).add(ns, rootName, members.values(), podLabels);
    }

    static List<OwnerReference> ownerRefs(HasMetadata o) {
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
        return refs == null ? List.of() : refs;
    }

    static String shortName(HasMetadata o) {
        return o.getKind().toLowerCase(java.util.Locale.ROOT) + "/" + o.getMetadata().getName();
    }

    static Map<String, String> labels(HasMetadata o) {
        return labels(o.getMetadata().getLabels());
    }

    static Map<String, String> labels(Map<String, String> l) {
        return l == null ? Map.of() : l;
    }

    /** Workload kinds read through the typed client. */
    static final class Workloads {
        private Workloads() {
        }

        static List<HasMetadata> all(ClusterView v, String ns) {
            KubernetesClient c = v.client();
            List<HasMetadata> all = new ArrayList<>();
            all.addAll(v.list(ns, "deployments.apps", () -> c.apps().deployments().inNamespace(ns).list().getItems()));
            all.addAll(v.list(ns, "replicasets.apps", () -> c.apps().replicaSets().inNamespace(ns).list().getItems()));
            all.addAll(v.list(ns, "statefulsets.apps", () -> c.apps().statefulSets().inNamespace(ns).list().getItems()));
            all.addAll(v.list(ns, "daemonsets.apps", () -> c.apps().daemonSets().inNamespace(ns).list().getItems()));
            all.addAll(v.list(ns, "cronjobs.batch", () -> c.batch().v1().cronjobs().inNamespace(ns).list().getItems()));
            all.addAll(v.list(ns, "jobs.batch", () -> c.batch().v1().jobs().inNamespace(ns).list().getItems()));
            all.addAll(v.pods(ns));
            return all;
        }

        /** Workloads and pods no other object controls: what a selector can pick as an app. */
        static List<HasMetadata> topLevel(ClusterView v, String ns) {
            return all(v, ns).stream()
                    .filter(w -> ownerRefs(w).stream().noneMatch(o -> Boolean.TRUE.equals(o.getController())))
                    .toList();
        }

        static PodTemplateSpec template(HasMetadata w) {
            return switch (w) {
                case Deployment d -> d.getSpec() == null ? null : d.getSpec().getTemplate();
                case StatefulSet s -> s.getSpec() == null ? null : s.getSpec().getTemplate();
                case DaemonSet d -> d.getSpec() == null ? null : d.getSpec().getTemplate();
                case ReplicaSet r -> r.getSpec() == null ? null : r.getSpec().getTemplate();
                case Job j -> j.getSpec() == null ? null : j.getSpec().getTemplate();
                case CronJob cj -> cj.getSpec() == null || cj.getSpec().getJobTemplate() == null
                        || cj.getSpec().getJobTemplate().getSpec() == null
                        ? null : cj.getSpec().getJobTemplate().getSpec().getTemplate();
                default -> null;
            };
        }

        static io.fabric8.kubernetes.api.model.LabelSelector selector(HasMetadata w) {
            return switch (w) {
                case Deployment d -> d.getSpec() == null ? null : d.getSpec().getSelector();
                case StatefulSet s -> s.getSpec() == null ? null : s.getSpec().getSelector();
                case DaemonSet d -> d.getSpec() == null ? null : d.getSpec().getSelector();
                case ReplicaSet r -> r.getSpec() == null ? null : r.getSpec().getSelector();
                default -> null;
            };
        }
    }
}
