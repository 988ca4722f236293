package io.cairn.kube.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.api.ApiException;
import io.cairn.kube.discovery.ApiResourceType;
import io.cairn.kube.selection.LabelSelector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cluster-scoped objects: all of them (include-cluster-resources=true), or only those the captured objects
 * reference (auto): ClusterRoleBindings of captured service accounts and their ClusterRoles, ClusterRoles
 * named by RoleBindings, PVs of PVCs, StorageClasses of both, CRDs of captured custom resources.
 */
final class ClusterCapture {
    private static final String RBAC = "rbac.authorization.k8s.io";
    private final RunContext ctx;

    ClusterCapture(RunContext ctx) {
        this.ctx = ctx;
    }

    void captureAll() throws IOException {
        List<ParallelTasks.Task> tasks = new ArrayList<>();
        for (ApiResourceType type : ctx.types()) {
            if (type.namespaced() || (type.group().isEmpty() && type.resource().equals("namespaces"))) {
                continue;
            }
            tasks.add(() -> {
                try {
                    ctx.lister().list(type, null, o -> {
                        LabelSelector matched = ctx.selectors().isEmpty() ? null
                                : NamespaceCapture.firstMatch(ctx.selectors(), o.path("metadata"));
                        if (ctx.selectors().isEmpty() || matched != null) {
                            ctx.session().capture(type, o, List.of("cluster-scoped (include-cluster-resources=true)"));
                        }
                    });
                } catch (ApiException e) {
                    NamespaceCapture.report(ctx, type, null, e);
                }
            });
        }
        ctx.tasks().runAll(tasks);
    }

    void captureReferenced() throws IOException {
        ClusterReferences refs = ctx.session().references;
        ApiResourceType crbs = ctx.type(RBAC, "clusterrolebindings").orElse(null);
        if (crbs != null) {
            try {
                ctx.lister().list(crbs, null, o -> {
                    String account = refs.capturedServiceAccount(o);
                    if (account != null) {
                        ctx.session().capture(crbs, o, List.of("grants serviceaccount " + account));
                    }
                });
            } catch (ApiException e) {
                NamespaceCapture.report(ctx, crbs, null, e);
            }
        }
        getAll("", "persistentvolumes", refs.persistentVolumes());
        getAll("storage.k8s.io", "storageclasses", refs.storageClasses());
        getAll(RBAC, "clusterroles", refs.clusterRoles());
        ApiResourceType crdType = ctx.type("apiextensions.k8s.io", "customresourcedefinitions").orElse(null);
        if (crdType != null) {
            for (ApiResourceType custom : refs.groupedTypes()) {
                get(crdType, custom.resource() + "." + custom.group(), "definition of " + custom.kind(), false);
            }
        }
    }

    private void getAll(String group, String resource, Map<String, String> namesAndReasons) throws IOException {
        ApiResourceType type = ctx.type(group, resource).orElse(null);
        if (type == null) {
            return;
        }
        for (Map.Entry<String, String> e : namesAndReasons.entrySet()) {
            get(type, e.getKey(), e.getValue(), true);
        }
    }

    /** GETs and captures one cluster-scoped object; a missing one is a warning when {@code warnIfMissing}. */
    private void get(ApiResourceType type, String name, String reason, boolean warnIfMissing) throws IOException {
        try {
            ObjectNode o = ctx.lister().get(type.objectPath(null, name), type);
            if (o == null) {
                if (warnIfMissing) {
                    ctx.session().warn(new ItemProblem(null, type.qualifiedResource(), name, "not found (" + reason + ")", false));
                }
                return;
            }
            ctx.session().capture(type, o, List.of(reason));
        } catch (ApiException e) {
            boolean forbidden = e.isForbidden();
            ItemProblem p = new ItemProblem(null, type.qualifiedResource(), name,
                    (forbidden ? "forbidden: " : "") + "cannot read (" + reason + "): " + e.getMessage(), true);
            if (forbidden) {
                ctx.session().warn(p);
            } else {
                ctx.session().error(p);
            }
        }
    }

}
