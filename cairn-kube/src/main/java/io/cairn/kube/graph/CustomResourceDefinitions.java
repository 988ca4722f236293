package io.cairn.kube.graph;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.List;

/** Adds the CRD of every custom resource in a plan. */
final class CustomResourceDefinitions {
    private final Context ctx;

    CustomResourceDefinitions(Context ctx) {
        this.ctx = ctx;
    }

    void addFor(ClosurePlan plan) {
        for (ObjectRef ref : List.copyOf(plan.objects().keySet())) {
            if (ref.group().isEmpty()) {
                continue;
            }
            CustomResourceDefinition crd = ctx.view.crd(ref.resource() + "." + ref.group()).orElse(null);
            if (crd != null) {
                ctx.include(crd, "definition of " + ref.kind());
            }
        }
    }
}
