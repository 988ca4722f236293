package io.cairn.kube.selection;

import io.cairn.kube.discovery.ApiResourceType;
import java.util.Locale;

/**
 * One entry of --include-resources / --exclude-resources: {@code resource} or {@code resource.group}, either
 * part a glob; the resource part also matches the kind or its singular ("deployment", "Deployment").
 * {@code *} matches every type.
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
        int dot = p.indexOf('.');
        try {
            return dot < 0
                    ? new ResourcePattern(pattern, Glob.compile(p), null)
                    : new ResourcePattern(pattern, Glob.compile(p.substring(0, dot)), Glob.compile(p.substring(dot + 1)));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("bad resource type '" + pattern + "': " + e.getMessage());
        }
    }

    public boolean matches(ApiResourceType type) {
        if (group != null && !group.matches(type.group())) {
            return false;
        }
        String kind = type.kind().toLowerCase(Locale.ROOT);
        return resource.matches(type.resource()) || resource.matches(kind);
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
