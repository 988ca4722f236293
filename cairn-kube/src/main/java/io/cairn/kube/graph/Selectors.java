package io.cairn.kube.graph;

import io.cairn.kube.selection.LabelSelector;
import io.cairn.kube.selection.LabelSelector.Operator;
import io.cairn.kube.selection.LabelSelector.Requirement;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Converts the selectors found in API objects into {@link LabelSelector}s evaluated client-side. */
final class Selectors {
    private Selectors() {
    }

    /**
     * A workload's, PDB's or NetworkPolicy's selector. {@code null} selects nothing; an empty selector
     * selects everything, as the API defines for these fields.
     */
    static LabelSelector of(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        if (selector == null) {
            return null;
        }
        List<Requirement> reqs = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> reqs.add(new Requirement(k, Operator.EQUALS, Set.of(v))));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement e : selector.getMatchExpressions()) {
                Set<String> values = e.getValues() == null ? Set.of() : Set.copyOf(e.getValues());
                Operator op = switch (e.getOperator()) {
                    case "In" -> Operator.IN;
                    case "NotIn" -> Operator.NOT_IN;
                    case "Exists" -> Operator.EXISTS;
                    case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                    default -> null;
                };
                if (op == null) {
                    return null; // an operator we do not know selects nothing rather than everything
                }
                reqs.add(new Requirement(e.getKey(), op, values));
            }
        }
        return LabelSelector.of(selector.toString(), reqs);
    }

    /** A Service's selector map: empty or null selects no pods (the Service has manual endpoints). */
    static LabelSelector ofServiceSelector(Map<String, String> selector) {
        return selector == null || selector.isEmpty() ? null : LabelSelector.ofLabels(selector);
    }
}
