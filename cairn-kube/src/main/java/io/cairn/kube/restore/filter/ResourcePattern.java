package io.cairn.kube.restore.filter;

import java.util.Locale;

/**
 * A resource type as users name it in {@code --include-resources}/{@code --exclude-resources}: {@code *},
 * a resource ({@code deployments}, any group) or {@code resource.group} ({@code deployments.apps},
 * {@code widgets.example.com}). Case-insensitive.
 */
public record ResourcePattern(String text) {
    public ResourcePattern {
        if (text == null || text.isBlank() || text.contains(" ") || text.contains("/")) {
            throw new IllegalArgumentException("invalid resource \"" + text + "\": expected RESOURCE or RESOURCE.GROUP");
        }
        text = text.toLowerCase(Locale.ROOT);
    }

    /** @param group "" for core */
    public boolean matches(String group, String resource) {
        if (text.equals("*")) {
            return true;
        }
        String r = resource.toLowerCase(Locale.ROOT);
        return text.equals(r) || !group.isEmpty() && text.equals(r + "." + group.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return text;
    }
}
