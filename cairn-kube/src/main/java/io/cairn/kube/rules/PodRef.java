package io.cairn.kube.rules;

/** A pod by namespace and name; sorts by namespace, then name. */
public record PodRef(String namespace, String name) implements Comparable<PodRef> {
    public PodRef {
        if (namespace == null || name == null) {
            throw new IllegalArgumentException("a pod needs a namespace and a name");
        }
    }

    @Override
    public int compareTo(PodRef o) {
        int c = namespace.compareTo(o.namespace);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
