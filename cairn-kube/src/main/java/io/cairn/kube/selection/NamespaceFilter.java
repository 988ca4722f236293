package io.cairn.kube.selection;

import java.util.List;

/** Include/exclude namespace globs; no include globs means every namespace. */
public record NamespaceFilter(List<Glob> include, List<Glob> exclude) {

    public boolean matches(String namespace) {
        boolean in = include.isEmpty() || include.stream().anyMatch(g -> g.matches(namespace));
        return in && exclude.stream().noneMatch(g -> g.matches(namespace));
    }

    /** True when every namespace is included (none excluded): lists can then be made cluster-wide. */
    public boolean includesAll() {
        return exclude.isEmpty() && (include.isEmpty() || include.stream().anyMatch(g -> g.toString().equals("*")));
    }

    /** Include globs without wildcards: namespaces the user named explicitly. */
    public List<String> literalIncludes() {
        return include.stream().filter(Glob::isLiteral).map(Glob::toString).toList();
    }
}
