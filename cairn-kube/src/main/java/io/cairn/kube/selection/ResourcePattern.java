package io.cairn.kube.selection;

import io.cairn.kube.discovery.ApiResourceType;
import java.util.Locale;

/**
 * One entry of --include-resources / --exclude-resources, for backups and restores alike: {@code resource} or
 * {@code resource.group}, either part a glob; the resource part also matches the kind or its singular
 * ("deployment", "Deployment") where the kind is known. {@code *} matches every type. Case-insensitive.
 */
public final class ResourcePattern {
    private final String text;
    private final Glob resource;
    private final Glob group;

    private ResourcePattern(String text, Glob resource, Glob group) {
        this.text = text;
        this.resource = resource;
        this.group = group;
    }

    public static ResourcePattern parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new InvalidRequestException("empty resource type pattern");
        }
        String p = pattern.strip().toLowerCase(Locale.ROOT);
        if (p.contains("/") || p.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidRequestException("resource type", pattern, "expected RESOURCE or RESOURCE.GROUP");
        }
        int dot = p.indexOf('.');
        try {
            return dot < 0
                    ? new ResourcePattern(pattern, Glob.compile(p), null)
                    : new ResourcePattern(pattern, Glob.compile(p.substring(0, dot)), Glob.compile(p.substring(dot + 1)));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("resource type", pattern, e.getMessage());
        }
    }

    /** A served type, by its resource plural or its kind. */
    public boolean matches(ApiResourceType type) {
        return matches(type.group(), type.resource()) || matches(type.group(), type.kind());
    }

    /**
     * A type known only by group and resource (as a backup stores it).
     *
     * @param group "" for core
     */
    public boolean matches(String group, String resource) {
        if (this.group != null && !this.group.matches(group.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return this.resource.matches(resource.toLowerCase(Locale.ROOT));
    }

    /** True when the pattern has no wildcard (so matching nothing means the user named an unknown type). */
    public boolean isLiteral() {
        return resource.isLiteral() && (group == null || group.isLiteral());
    }

    @Override
    public String toString() {
        return text;
    }
}
