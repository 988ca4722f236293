package io.cairn.kube.restore;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.cairn.kube.restore.filter.ObjectFilter;
import io.cairn.kube.selection.Glob;
import io.cairn.kube.selection.InvalidRequestException;
import io.cairn.kube.selection.LabelSelector;
import io.cairn.kube.selection.ResourcePattern;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a user asked a restore to do, validated. Build it from raw flag values with {@link #builder(String, String)};
 * {@link Builder#build()} throws one {@link InvalidRestoreRequestException} listing every malformed value.
 * Serialises to JSON as part of the {@link RestoreReport}.
 *
 * @param name                 the restore's name (also the value of the {@code cairn.io/restore} label)
 * @param backup               the backup to restore from (the value of the {@code cairn.io/backup} label)
 * @param namespaceMapping     backup namespace → target namespace
 * @param storageClassMapping  backup storage class → target storage class
 * @param includeNamespaces    globs over the backup's namespaces; empty = all
 * @param includeResources     resource or resource.group; empty = all
 * @param selector             label selector objects must match (evaluated client-side)
 * @param restoreStatus        keep {@code status} instead of dropping it
 * @param preserveNodePorts    keep Service nodePorts even when they were auto-assigned
 * @param dryRun               compute the plan and each object's would-be action; write nothing
 */
public record RestoreRequest(String name, String backup,
                             Map<String, String> namespaceMapping, Map<String, String> storageClassMapping,
                             ExistingResourcePolicy existingResourcePolicy,
                             List<String> includeNamespaces, List<String> excludeNamespaces,
                             List<String> includeResources, List<String> excludeResources,
                             LabelSelector selector, boolean restoreStatus, boolean preserveNodePorts,
                             boolean dryRun) {
    /** A Kubernetes label value, since the names end up as label values. */
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    public RestoreRequest {
        namespaceMapping = Collections.unmodifiableMap(new LinkedHashMap<>(namespaceMapping));
        storageClassMapping = Collections.unmodifiableMap(new LinkedHashMap<>(storageClassMapping));
        includeNamespaces = List.copyOf(includeNamespaces);
        excludeNamespaces = List.copyOf(excludeNamespaces);
        includeResources = List.copyOf(includeResources);
        excludeResources = List.copyOf(excludeResources);
        selector = selector == null ? LabelSelector.everything() : selector;
        existingResourcePolicy = existingResourcePolicy == null ? ExistingResourcePolicy.NONE : existingResourcePolicy;
    }

    public static Builder builder(String name, String backup) {
        return new Builder(name, backup);
    }

    /** The target namespace of a backup namespace (itself when not mapped); null stays null. */
    public String targetNamespace(String namespace) {
        return namespace == null ? null : namespaceMapping.getOrDefault(namespace, namespace);
    }

    /** The target storage class of a backup storage class (itself when not mapped). */
    public String targetStorageClass(String storageClass) {
        return storageClass == null ? null : storageClassMapping.getOrDefault(storageClass, storageClass);
    }

    /** The object filter these flags describe (patterns were validated by the builder). */
    @JsonIgnore
    public ObjectFilter filter() {
        return new ObjectFilter(includeNamespaces.stream().map(Glob::compile).toList(),
                excludeNamespaces.stream().map(Glob::compile).toList(),
                includeResources.stream().map(ResourcePattern::parse).toList(),
                excludeResources.stream().map(ResourcePattern::parse).toList(), selector);
    }

    /** Collects raw flag values; every setter accepts what the user typed. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String backup;
        private final List<String> namespaceMappings = new ArrayList<>();
        private final List<String> storageClassMappings = new ArrayList<>();
        private String policy = "none";
        private final List<String> includeNamespaces = new ArrayList<>();
        private final List<String> excludeNamespaces = new ArrayList<>();
        private final List<String> includeResources = new ArrayList<>();
        private final List<String> excludeResources = new ArrayList<>();
        private String selector = "";
        private boolean restoreStatus;
        private boolean preserveNodePorts;
        private boolean dryRun;

        private Builder(String name, String backup) {
            this.name = name;
            this.backup = backup;
        }

        /** {@code old:new}, or several separated by commas; repeatable. */
        public Builder namespaceMapping(String oldColonNew) {
            namespaceMappings.add(oldColonNew);
            return this;
        }

        /** {@code old:new}, or several separated by commas; repeatable. */
        public Builder storageClassMapping(String oldColonNew) {
            storageClassMappings.add(oldColonNew);
            return this;
        }

        /** {@code none} or {@code update}. */
        public Builder existingResourcePolicy(String value) {
            this.policy = value;
            return this;
        }

        /** Globs, each value may hold several separated by commas. */
        public Builder includeNamespaces(String... globs) {
            split(includeNamespaces, globs);
            return this;
        }

        public Builder excludeNamespaces(String... globs) {
            split(excludeNamespaces, globs);
            return this;
        }

        /** {@code resource} or {@code resource.group}, each value may hold several separated by commas. */
        public Builder includeResources(String... resources) {
            split(includeResources, resources);
            return this;
        }

        public Builder excludeResources(String... resources) {
            split(excludeResources, resources);
            return this;
        }

        public Builder selector(String labelSelector) {
            this.selector = labelSelector == null ? "" : labelSelector;
            return this;
        }

        public Builder restoreStatus(boolean value) {
            this.restoreStatus = value;
            return this;
        }

        public Builder preserveNodePorts(boolean value) {
            this.preserveNodePorts = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        /** Validates everything; {@link InvalidRestoreRequestException} lists every problem found. */
        public RestoreRequest build() {
            List<String> problems = new ArrayList<>();
            checkName("restore name", name, problems);
            checkName("backup name", backup, problems);
            Map<String, String> ns = mappings("--namespace-mapping", namespaceMappings, DNS_LABEL, problems);
            Map<String, String> sc = mappings("--storage-class-mapping", storageClassMappings, DNS_SUBDOMAIN, problems);
            ExistingResourcePolicy p = attempt("--existing-resource-policy", policy, ExistingResourcePolicy::parse, problems);
            includeNamespaces.forEach(g -> attempt("--include-namespaces", g, Glob::compile, problems));
            excludeNamespaces.forEach(g -> attempt("--exclude-namespaces", g, Glob::compile, problems));
            includeResources.forEach(r -> attempt("--include-resources", r, ResourcePattern::parse, problems));
            excludeResources.forEach(r -> attempt("--exclude-resources", r, ResourcePattern::parse, problems));
            LabelSelector sel = attempt("--selector", selector, LabelSelector::parse, problems);
            if (!problems.isEmpty()) {
                throw new InvalidRestoreRequestException(problems);
            }
            return new RestoreRequest(name, backup, ns, sc, p, includeNamespaces, excludeNamespaces, includeResources,
                    excludeResources, sel, restoreStatus, preserveNodePorts, dryRun);
        }

        private static void checkName(String what, String value, List<String> problems) {
            if (value == null || !LABEL_VALUE.matcher(value).matches()) {
                problems.add("invalid " + what + " \"" + value + "\": use at most 63 letters, digits, '-', '_' or '.',"
                        + " starting and ending with a letter or digit");
            }
        }

        private static Map<String, String> mappings(String flag, List<String> values, Pattern valid, List<String> problems) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String value : values) {
                for (String pair : value.split(",", -1)) {
                    String[] parts = pair.trim().split(":", -1);
                    if (parts.length != 2 || !valid.matcher(parts[0]).matches() || !valid.matcher(parts[1]).matches()) {
                        problems.add("invalid " + flag + " \"" + pair.trim() + "\": expected OLD:NEW with valid names");
                        continue;
                    }
                    String before = out.putIfAbsent(parts[0], parts[1]);
                    if (before != null && !before.equals(parts[1])) {
                        problems.add("invalid " + flag + ": \"" + parts[0] + "\" is mapped to both \"" + before
                                + "\" and \"" + parts[1] + "\"");
                    }
                }
            }
            return out;
        }

        private static <T> T attempt(String flag, String value, Function<String, T> parse, List<String> problems) {
            try {
                return parse.apply(value);
            } catch (InvalidRequestException e) {
                // the shared parsers say "bad x 'v'"; restore flags have always said "invalid x \"v\""
                problems.add(flag + ": " + (e.input() == null ? e.getMessage()
                        : "invalid " + e.subject() + " \"" + e.input() + "\": " + e.reason()));
                return null;
            } catch (IllegalArgumentException e) {
                problems.add(flag + ": " + e.getMessage());
                return null;
            }
        }

        private static void split(List<String> into, String... values) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        into.add(part.trim());
                    }
                }
            }
        }
    }
}
