package io.cairn.kube.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The objects an app closure picked, each with why; plus what went wrong while computing it. */
public final class ClosurePlan {
    private final Map<ObjectRef, Set<String>> objects = new LinkedHashMap<>();
    private final List<Problem> warnings = new ArrayList<>();
    private final List<Problem> errors = new ArrayList<>();

    /** A problem with one object or type; {@code subject} names it ("configmap shop/web-config"). */
    public record Problem(String subject, String message) {
    }

    /** Adds an object (or one more reason for it); returns true when the object is new. */
    public boolean add(ObjectRef ref, String reason) {
        Set<String> reasons = objects.get(ref);
        if (reasons == null) {
            reasons = new LinkedHashSet<>();
            objects.put(ref, reasons);
            reasons.add(reason);
            return true;
        }
        reasons.add(reason);
        return false;
    }

    public boolean contains(ObjectRef ref) {
        return objects.containsKey(ref);
    }

    public void warn(String subject, String message) {
        warnings.add(new Problem(subject, message));
    }

    public void error(String subject, String message) {
        errors.add(new Problem(subject, message));
    }

    public Map<ObjectRef, Set<String>> objects() {
        return objects;
    }

    public List<Problem> warnings() {
        return warnings;
    }

    public List<Problem> errors() {
        return errors;
    }
}
