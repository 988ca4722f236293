package io.cairn.repository.tree;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The node types restic records in trees. {@code irregular} comes from restic 0.17 on (a file it could not back
 * up as a regular one, e.g. a Windows reparse point); Cairn reads it and skips it on restore, as restic does.
 */
public enum NodeType {
    FILE("file"),
    DIR("dir"),
    SYMLINK("symlink"),
    DEV("dev"),
    CHARDEV("chardev"),
    FIFO("fifo"),
    SOCKET("socket"),
    IRREGULAR("irregular");

    private final String jsonName;

    NodeType(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    @JsonCreator
    public static NodeType fromJson(String name) {
        for (NodeType t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown node type: " + name);
    }
}
