package io.cairn.kube.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.api.ApiException;
import io.cairn.kube.discovery.ApiResourceType;
import io.cairn.kube.graph.AppClosure;
import io.cairn.kube.graph.ClosurePlan;
import io.cairn.kube.graph.ObjectRef;
import io.cairn.kube.selection.ClusterResources;
import io.cairn.kube.selection.LabelSelector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Captures application closures: computes them, then GETs each object (or only lists them in a dry run). */
final class AppCapture {
    private final RunContext ctx;

    AppCapture(RunContext ctx) {
        this.ctx = ctx;
    }

    void run() throws IOException {
        List<String> namespaces = List.of();
        List<LabelSelector> selectors = List.of();
        if (ctx.request().selectApps()) {
            namespaces = NamespaceCapture.select(ctx, false);
            selectors = ctx.selectors();
        }
        ClosurePlan plan = new AppClosure(ctx.client(), ctx.discovered())
                .compute(ctx.request().apps(), namespaces, selectors);
        for (ClosurePlan.Problem p : plan.warnings()) {
            ctx.session().warn(new ItemProblem(null, null, p.subject(), p.message(), p.message().startsWith("forbidden")));
        }
        for (ClosurePlan.Problem p : plan.errors()) {
            ctx.session().error(new ItemProblem(null, null, p.subject(), p.message(), true));
        }
        boolean clusterScoped = ctx.request().includeClusterResources() != ClusterResources.FALSE;
        List<ParallelTasks.Task> tasks = new ArrayList<>();
        for (Map.Entry<ObjectRef, Set<String>> e : plan.objects().entrySet()) {
            ObjectRef ref = e.getKey();
            ApiResourceType type = ctx.type(ref.group(), ref.resource()).orElse(null);
            boolean isNamespaceObject = ref.group().isEmpty() && ref.resource().equals("namespaces");
            if (type == null || (!type.namespaced() && !clusterScoped && !isNamespaceObject)) {
                continue; // filtered out by --include/--exclude-resources or include-cluster-resources=false
            }
            List<String> reasons = List.copyOf(e.getValue());
            if (ctx.session().dryRun()) {
                ctx.session().plan(type, ref.namespace(), ref.name(), reasons);
            } else {
                tasks.add(() -> capture(type, ref, reasons));
            }
        }
        ctx.tasks().runAll(tasks);
    }

    private void capture(ApiResourceType type, ObjectRef ref, List<String> reasons) throws IOException {
        try {
            ObjectNode o = ctx.lister().get(type.objectPath(ref.namespace(), ref.name()), type);
            if (o == null) {
                ctx.session().warn(new ItemProblem(ref.namespace(), type.qualifiedResource(), ref.name(),
                        "deleted while the backup ran", false));
                return;
            }
            ctx.session().capture(type, o, reasons);
        } catch (ApiException e) {
            ItemProblem p = new ItemProblem(ref.namespace(), type.qualifiedResource(), ref.name(),
                    (e.isForbidden() ? "forbidden: " : "") + "cannot read: " + e.getMessage(), true);
            if (e.isForbidden()) {
                ctx.session().warn(p);
            } else {
                ctx.session().error(p);
            }
        }
    }
}
