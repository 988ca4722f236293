package io.cairn.kube.selection;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a user asked to back up, as given on the command line (and recorded in backup.json). Immutable; the
 * constructor validates every part and throws {@link InvalidRequestException} with one clear message.
 *
 * @param name                    backup name (a DNS label)
 * @param includeNamespaces       namespace globs; empty means all namespaces
 * @param excludeNamespaces       namespace globs removed from the included ones
 * @param selectors               label selectors, OR-ed (each one is an AND); empty means no label filter
 * @param includeResources        resource type patterns ({@link ResourcePattern}); empty means all types
 * @param excludeResources        resource type patterns removed from the included ones
 * @param includeClusterResources cluster-scoped objects: auto (referenced ones), true (all), false (none)
 * @param apps                    workloads whose closure is backed up (app mode when not empty)
 * @param selectApps              when true the selectors pick workloads (and bare pods) whose closure is
 *                                backed up, instead of filtering objects
 */
public record BackupRequest(String name, List<String> includeNamespaces, List<String> excludeNamespaces,
                            List<String> selectors, List<String> includeResources, List<String> excludeResources,
                            ClusterResources includeClusterResources, List<AppRef> apps, boolean selectApps) {
    /** Objects with this label set to "true" are never backed up. */
    public static final String EXCLUDE_LABEL = "cairn.io/exclude-from-backup";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    public BackupRequest {
        if (name == null || name.length() > 63 || !NAME.matcher(name).matches()) {
            throw new InvalidRequestException("bad backup name '" + name
                    + "': use lower-case letters, digits, '-' and '.', at most 63 characters");
        }
        includeNamespaces = List.copyOf(includeNamespaces == null ? List.of() : includeNamespaces);
        excludeNamespaces = List.copyOf(excludeNamespaces == null ? List.of() : excludeNamespaces);
        selectors = List.copyOf(selectors == null ? List.of() : selectors);
        includeResources = List.copyOf(includeResources == null ? List.of() : includeResources);
        excludeResources = List.copyOf(excludeResources == null ? List.of() : excludeResources);
        includeClusterResources = includeClusterResources == null ? ClusterResources.AUTO : includeClusterResources;
        apps = List.copyOf(apps == null ? List.of() : apps);
        includeNamespaces.forEach(g -> namespaceGlob(g));
        excludeNamespaces.forEach(g -> namespaceGlob(g));
        selectors.forEach(LabelSelector::parse);
        includeResources.forEach(ResourcePattern::parse);
        excludeResources.forEach(ResourcePattern::parse);
        if (selectApps && selectors.isEmpty()) {
            throw new InvalidRequestException("selecting apps by label needs a --selector");
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** True when the backup captures application closures rather than whole namespaces. */
    @JsonIgnore
    public boolean isAppMode() {
        return !apps.isEmpty() || selectApps;
    }

    @JsonIgnore
    public List<LabelSelector> parsedSelectors() {
        return selectors.stream().map(LabelSelector::parse).toList();
    }

    @JsonIgnore
    public NamespaceFilter namespaceFilter() {
        return new NamespaceFilter(includeNamespaces.stream().map(BackupRequest::namespaceGlob).toList(),
                excludeNamespaces.stream().map(BackupRequest::namespaceGlob).toList());
    }

    @JsonIgnore
    public ResourceFilter resourceFilter() {
        return new ResourceFilter(includeResources.stream().map(ResourcePattern::parse).toList(),
                excludeResources.stream().map(ResourcePattern::parse).toList());
    }

    private static Glob namespaceGlob(String g) {
        try {
            return Glob.compile(g.strip());
        } catch (InvalidRequestException e) {
            throw e.input() == null ? new InvalidRequestException("bad namespace " + e.getMessage())
                    : new InvalidRequestException("namespace " + e.subject(), e.input(), e.reason());
        }
    }

    /** Collects flags one by one (repeatable flags add); {@link #build()} validates. */
    public static final class Builder {
        private final String name;
        private final List<String> includeNamespaces = new ArrayList<>();
        private final List<String> excludeNamespaces = new ArrayList<>();
        private final List<String> selectors = new ArrayList<>();
        private final List<String> includeResources = new ArrayList<>();
        private final List<String> excludeResources = new ArrayList<>();
        private final List<AppRef> apps = new ArrayList<>();
        private ClusterResources clusterResources = ClusterResources.AUTO;
        private boolean selectApps;

        private Builder(String name) {
            this.name = name;
        }

        /** Adds globs; each argument may itself be a comma-separated list as Velero accepts. */
        public Builder includeNamespaces(String... globs) {
            addSplit(includeNamespaces, globs);
            return this;
        }

        public Builder excludeNamespaces(String... globs) {
            addSplit(excludeNamespaces, globs);
            return this;
        }

        /** Adds one label selector; several are OR-ed (--selector plus each --or-selector). */
        public Builder selector(String selector) {
            selectors.add(selector);
            return this;
        }

        public Builder includeResources(String... patterns) {
            addSplit(includeResources, patterns);
            return this;
        }

        public Builder excludeResources(String... patterns) {
            addSplit(excludeResources, patterns);
            return this;
        }

        public Builder includeClusterResources(ClusterResources value) {
            clusterResources = value;
            return this;
        }

        /** "auto", "true" or "false". */
        public Builder includeClusterResources(String value) {
            clusterResources = ClusterResources.parse(value);
            return this;
        }

        /** Adds an app given as KIND/NAME in a namespace. */
        public Builder app(String namespace, String kindSlashName) {
            apps.add(AppRef.parse(kindSlashName, namespace));
            return this;
        }

        public Builder selectApps(boolean value) {
            selectApps = value;
            return this;
        }

        public BackupRequest build() {
            return new BackupRequest(name, includeNamespaces, excludeNamespaces, selectors, includeResources,
                    excludeResources, clusterResources, apps, selectApps);
        }

        private static void addSplit(List<String> into, String... values) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        into.add(part.strip());
                    }
                }
            }
        }
    }
}
