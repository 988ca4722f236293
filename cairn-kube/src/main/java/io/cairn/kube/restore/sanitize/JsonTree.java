package io.cairn.kube.restore.sanitize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Null-safe navigation of object JSON trees. */
final class JsonTree {
    private JsonTree() {
    }

    /** The object at {@code path}, or null when any step is missing or not an object. */
    static ObjectNode object(JsonNode node, String... path) {
        JsonNode at = node;
        for (String p : path) {
            at = at == null ? null : at.get(p);
        }
        return at instanceof ObjectNode o ? o : null;
    }

    /** The text at {@code path}, or null. */
    static String text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String p : path) {
            at = at == null ? null : at.get(p);
        }
        return at != null && at.isTextual() ? at.asText() : null;
    }

    /** The object at {@code path}, created when missing. */
    static ObjectNode objectOrCreate(ObjectNode node, String... path) {
        ObjectNode at = node;
        for (String p : path) {
            at = at.get(p) instanceof ObjectNode o ? o : at.putObject(p);
        }
        return at;
    }

    static void remove(JsonNode node, String field) {
        if (node instanceof ObjectNode o) {
            o.remove(field);
        }
    }
}
