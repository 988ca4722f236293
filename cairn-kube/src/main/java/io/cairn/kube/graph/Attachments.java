package io.cairn.kube.graph;

import io.cairn.kube.selection.LabelSelector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Objects that point at an app: Services selecting its pods, Ingresses routing to those Services,
 * NetworkPolicies and PodDisruptionBudgets selecting its pods, HorizontalPodAutoscalers scaling its workloads.
 */
final class Attachments {
    private final Context ctx;

    Attachments(Context ctx) {
        this.ctx = ctx;
    }

    /**
     * @param rootName  the app ("statefulset/db")
     * @param members   the app's workloads and pods
     * @param podLabels label sets of its pods and of its workloads' pod templates
     */
    void add(String ns, String rootName, Collection<HasMetadata> members, List<Map<String, String>> podLabels) {
        var c = ctx.client;
        String pods = "pods of " + rootName;
        Set<String> services = new HashSet<>();
        for (Service s : ctx.view.list(ns, "services", () -> c.services().inNamespace(ns).list().getItems())) {
            LabelSelector sel = Selectors.ofServiceSelector(s.getSpec() == null ? null : s.getSpec().getSelector());
            if (selectsAny(sel, podLabels) && ctx.include(s, "selects " + pods)) {
                services.add(s.getMetadata().getName());
            }
        }
        for (Ingress ing : ctx.view.list(ns, "ingresses.networking.k8s.io",
                () -> c.network().v1().ingresses().inNamespace(ns).list().getItems())) {
            for (String svc : backends(ing)) {
                if (services.contains(svc)) {
                    ctx.include(ing, "routes to service " + svc);
                }
            }
        }
        for (NetworkPolicy np : ctx.view.list(ns, "networkpolicies.networking.k8s.io",
                () -> c.network().v1().networkPolicies().inNamespace(ns).list().getItems())) {
            LabelSelector sel = np.getSpec() == null ? null : Selectors.of(np.getSpec().getPodSelector());
            if (selectsAny(sel, podLabels)) {
                ctx.include(np, "applies to " + pods);
            }
        }
        for (PodDisruptionBudget pdb : ctx.view.list(ns, "poddisruptionbudgets.policy",
                () -> c.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems())) {
            LabelSelector sel = pdb.getSpec() == null ? null : Selectors.of(pdb.getSpec().getSelector());
            if (selectsAny(sel, podLabels)) {
                ctx.include(pdb, "protects " + pods);
            }
        }
        for (HorizontalPodAutoscaler hpa : ctx.view.list(ns, "horizontalpodautoscalers.autoscaling",
                () -> c.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).list().getItems())) {
            var target = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
            if (target == null) {
                continue;
            }
            for (HasMetadata m : members) {
                if (m.getKind().equals(target.getKind()) && m.getMetadata().getName().equals(target.getName())) {
                    ctx.include(hpa, "scales " + AppClosure.shortName(m));
                }
            }
        }
    }

    private static boolean selectsAny(LabelSelector selector, List<Map<String, String>> podLabels) {
        return selector != null && podLabels.stream().anyMatch(selector::matches);
    }

    private static List<String> backends(Ingress ing) {
        List<String> names = new ArrayList<>();
        if (ing.getSpec() == null) {
            return names;
        }
        addBackend(names, ing.getSpec().getDefaultBackend());
        for (IngressRule rule : PodDependencies.nullSafe(ing.getSpec().getRules())) {
            if (rule.getHttp() != null) {
                for (HTTPIngressPath p : PodDependencies.nullSafe(rule.getHttp().getPaths())) {
                    addBackend(names, p.getBackend());
                }
            }
        }
        return names;
    }

    private static void addBackend(List<String> names, IngressBackend backend) {
        if (backend != null && backend.getService() != null && backend.getService().getName() != null) {
            names.add(backend.getService().getName());
        }
    }
}
