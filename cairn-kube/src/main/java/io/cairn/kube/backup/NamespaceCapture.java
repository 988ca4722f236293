package io.cairn.kube.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.kube.api.ApiException;
import io.cairn.kube.discovery.ApiResourceType;
import io.cairn.kube.selection.LabelSelector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Captures whole namespaces: every served type that passes the filters, listed page by page. */
final class NamespaceCapture {
    private final RunContext ctx;

    NamespaceCapture(RunContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The namespaces that match the request, in listing order; with {@code captureObjects} their Namespace
     * objects are captured too. A named namespace that does not exist is a warning.
     */
    static List<String> select(RunContext ctx, boolean captureObjects) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        ApiResourceType nsType = ctx.discovered().byResource("", "namespaces").orElse(null);
        boolean keepObjects = captureObjects && nsType != null && ctx.resources().matches(nsType);
        try {
            if (nsType == null) {
                throw new ApiException(404, "/api/v1/namespaces", "namespaces are not served");
            }
            ctx.lister().list(nsType, null, ns -> {
                String name = ns.path("metadata").path("name").asText();
                if (ctx.namespaces().matches(name)) {
                    names.add(name);
                    if (keepObjects) {
                        ctx.session().capture(nsType, ns, List.of("selected namespace"));
                    }
                }
            });
        } catch (ApiException e) {
            List<String> literal = ctx.namespaces().literalIncludes();
            ctx.session().warn(new ItemProblem(null, "namespaces", null, "cannot list namespaces ("
                    + e.getMessage() + ")" + (literal.isEmpty() ? "" : "; using the named ones"), literal.isEmpty()));
            names.addAll(literal);
            return List.copyOf(names);
        }
        for (String literal : ctx.namespaces().literalIncludes()) {
            if (!names.contains(literal) && ctx.namespaces().matches(literal)) {
                ctx.session().warn(new ItemProblem(literal, null, null, "namespace not found", true));
            }
        }
        return List.copyOf(names);
    }

    void run() throws IOException {
        List<String> namespaces = select(ctx, true);
        if (namespaces.isEmpty()) {
            return;
        }
        Set<String> selected = Set.copyOf(namespaces);
        boolean clusterWide = ctx.namespaces().includesAll();
        List<ParallelTasks.Task> tasks = new ArrayList<>();
        for (ApiResourceType type : ctx.types()) {
            if (!type.namespaced()) {
                continue;
            }
            if (clusterWide) {
                tasks.add(() -> listAllNamespaces(type, selected));
            } else {
                for (String ns : namespaces) {
                    tasks.add(() -> list(type, ns, selected));
                }
            }
        }
        ctx.tasks().runAll(tasks);
    }

    private void listAllNamespaces(ApiResourceType type, Set<String> selected) throws IOException {
        try {
            ctx.lister().list(type, null, o -> accept(type, o, selected));
        } catch (ApiException e) {
            if (!e.isForbidden()) {
                report(type, null, e);
                return;
            }
            for (String ns : selected) { // the account may still list namespace by namespace
                list(type, ns, selected);
            }
        }
    }

    private void list(ApiResourceType type, String ns, Set<String> selected) throws IOException {
        try {
            ctx.lister().list(type, ns, o -> accept(type, o, selected));
        } catch (ApiException e) {
            report(type, ns, e);
        }
    }

    private void accept(ApiResourceType type, com.fasterxml.jackson.databind.node.ObjectNode o, Set<String> selected)
            throws IOException {
        JsonNode meta = o.path("metadata");
        String ns = meta.path("namespace").asText("");
        if (!selected.contains(ns)) {
            return;
        }
        String reason = "in namespace " + ns;
        if (!ctx.selectors().isEmpty()) {
            LabelSelector matched = firstMatch(ctx.selectors(), meta);
            if (matched == null) {
                return;
            }
            reason += ", labels match '" + matched + "'";
        }
        ctx.session().capture(type, o, List.of(reason));
    }

    static LabelSelector firstMatch(List<LabelSelector> selectors, JsonNode meta) {
        for (LabelSelector s : selectors) {
            if (CaptureSession.matchesAny(List.of(s), meta)) {
                return s;
            }
        }
        return null;
    }

    /** A failed list: forbidden or gone types are warnings; anything else an error. Both mean objects missed. */
    static void report(RunContext ctx, ApiResourceType type, String ns, ApiException e) {
        String what = "cannot list " + type.qualifiedResource() + (ns == null ? "" : " in namespace " + ns);
        if (e.isForbidden()) {
            ctx.session().warn(new ItemProblem(ns, type.qualifiedResource(), null, "forbidden: " + what
                    + " (" + e.getMessage() + ")", true));
        } else if (e.isNotFound()) {
            ctx.session().warn(new ItemProblem(ns, type.qualifiedResource(), null, what + ": no longer served", false));
        } else {
            ctx.session().error(new ItemProblem(ns, type.qualifiedResource(), null, what + ": " + e.getMessage(), true));
        }
    }

    private void report(ApiResourceType type, String ns, ApiException e) {
        report(ctx, type, ns, e);
    }
}
