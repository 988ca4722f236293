package io.cairn.repository.backend;

import io.cairn.repository.Id;

/** Names one file in a backend: its type and name (a hex ID, or "config"). */
public record Handle(FileType type, String name) {
    public static final Handle CONFIG = new Handle(FileType.CONFIG, "config");

    public Handle {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("bad file name: " + name);
        }
    }

    public static Handle of(FileType type, Id id) {
        return new Handle(type, id.toString());
    }

    /** Path relative to the repository root in restic's default layout (packs sharded by the first two hex digits). */
    public String relativePath() {
        return switch (type) {
            case CONFIG -> "config";
            case PACK -> "data/" + name.substring(0, Math.min(2, name.length())) + "/" + name;
            default -> type.directory() + "/" + name;
        };
    }

    @Override
    public String toString() {
        return relativePath();
    }
}
