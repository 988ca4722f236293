package io.cairn.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The Velero-style object filters shared by {@code backup create} and {@code restore create}. */
public final class ObjectFilterOptions {
    @Option(names = "--include-namespaces", split = ",", paramLabel = "GLOB",
            description = "Namespaces to include (globs: *, ?, [abc]; default: all).")
    List<String> includeNamespaces = new ArrayList<>();

    @Option(names = "--exclude-namespaces", split = ",", paramLabel = "GLOB", description = "Namespaces to leave out (globs).")
    List<String> excludeNamespaces = new ArrayList<>();

    @Option(names = "--include-resources", split = ",", paramLabel = "RESOURCE",
            description = "Resource types to include (resource or resource.group, globs allowed).")
    List<String> includeResources = new ArrayList<>();

    @Option(names = "--exclude-resources", split = ",", paramLabel = "RESOURCE", description = "Resource types to leave out.")
    List<String> excludeResources = new ArrayList<>();

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Only objects matching this label selector.")
    String selector;

    public String[] includeNamespaces() {
        return includeNamespaces.toArray(String[]::new);
    }

    public String[] excludeNamespaces() {
        return excludeNamespaces.toArray(String[]::new);
    }

    public String[] includeResources() {
        return includeResources.toArray(String[]::new);
    }

    public String[] excludeResources() {
        return excludeResources.toArray(String[]::new);
    }

    /** The label selector, or null. */
    public String selector() {
        return selector;
    }
}
