package io.cairn.kube.restore;

import io.cairn.kube.archive.ResourceDirectory;
import io.cairn.kube.selection.Glob;
import io.cairn.kube.selection.ResourcePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Names the parts of a request that match nothing in the backup — an unknown namespace or resource type is
 * most often a typo, and the user should see it rather than an empty restore.
 */
final class RequestWarnings {
    private RequestWarnings() {
    }

    static List<String> check(RestoreRequest request, List<ResourceDirectory> dirs) {
        Set<String> namespaces = dirs.stream().map(ResourceDirectory::namespace).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<String> out = new ArrayList<>();
        for (String pattern : request.includeNamespaces()) {
            Glob glob = Glob.compile(pattern);
            if (namespaces.stream().noneMatch(glob::matches)) {
                out.add("--include-namespaces " + pattern + ": no namespace in backup " + request.backup() + " matches");
            }
        }
        for (String source : request.namespaceMapping().keySet()) {
            if (!namespaces.contains(source)) {
                out.add("--namespace-mapping " + source + ": backup " + request.backup() + " has no namespace " + source);
            }
        }
        for (String resource : request.includeResources()) {
            ResourcePattern pattern = ResourcePattern.parse(resource);
            if (dirs.stream().noneMatch(d -> pattern.matches(d.group(), d.resource()))) {
                out.add("--include-resources " + resource + ": backup " + request.backup() + " holds no such resource");
            }
        }
        return out;
    }
}
