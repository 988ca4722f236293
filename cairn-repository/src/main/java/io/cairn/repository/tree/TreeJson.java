package io.cairn.repository.tree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON form of a tree blob, read and written with Jackson's streaming API: databind's record binding
 * and generic date handling cost a quarter of an unchanged re-backup's main thread. The output is byte for
 * byte what restic's encoding/json writes for its Node (fields in restic's order; name, uid, gid and content
 * always, the rest only when not null, empty or zero), so the same directory gets the same tree ID from both.
 * (Cairn's databind encoder before it also wrote {@code "directory":true}; trees it wrote are read as ever,
 * and a directory's next backup stores its tree once more without that field.) Reading accepts what restic writes: fields in any order,
 * unknown fields, nulls and missing fields.
 */
final class TreeJson {
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    private static final SerializableString NODES = new SerializedString("nodes");
    private static final SerializableString NAME = new SerializedString("name");
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString MODE = new SerializedString("mode");
    private static final SerializableString MTIME = new SerializedString("mtime");
    private static final SerializableString ATIME = new SerializedString("atime");
    private static final SerializableString CTIME = new SerializedString("ctime");
    private static final SerializableString UID = new SerializedString("uid");
    private static final SerializableString GID = new SerializedString("gid");
    private static final SerializableString USER = new SerializedString("user");
    private static final SerializableString GROUP = new SerializedString("group");
    private static final SerializableString INODE = new SerializedString("inode");
    private static final SerializableString DEVICE_ID = new SerializedString("device_id");
    private static final SerializableString SIZE = new SerializedString("size");
    private static final SerializableString LINKS = new SerializedString("links");
    private static final SerializableString LINKTARGET = new SerializedString("linktarget");
    private static final SerializableString EXTENDED_ATTRIBUTES = new SerializedString("extended_attributes");
    private static final SerializableString DEVICE = new SerializedString("device");
    private static final SerializableString CONTENT = new SerializedString("content");
    private static final SerializableString SUBTREE = new SerializedString("subtree");
    private static final SerializableString ERROR = new SerializedString("error");
    private static final SerializableString VALUE = new SerializedString("value");

    private TreeJson() {
    }

    /** {@code {"nodes":[...]}} and a newline, as restic ends tree blobs. */
    static byte[] encode(Tree tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 320 * tree.nodes().size());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName(NODES);
            g.writeStartArray();
            for (Node n : tree.nodes()) {
                writeNode(g, n);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeNode(JsonGenerator g, Node n) throws IOException {
        g.writeStartObject();
        g.writeFieldName(NAME);
        g.writeString(n.name());
        if (n.type() != null) {
            g.writeFieldName(TYPE);
            g.writeString(n.type().jsonName());
        }
        writeNonZero(g, MODE, n.mode());
        writeTime(g, MTIME, n.mtime());
        writeTime(g, ATIME, n.atime());
        writeTime(g, CTIME, n.ctime());
        g.writeFieldName(UID);
        g.writeNumber(n.uid());
        g.writeFieldName(GID);
        g.writeNumber(n.gid());
        writeNonEmpty(g, USER, n.user());
        writeNonEmpty(g, GROUP, n.group());
        writeNonZero(g, INODE, n.inode());
        writeNonZero(g, DEVICE_ID, n.deviceId());
        writeNonZero(g, SIZE, n.size());
        writeNonZero(g, LINKS, n.links());
        writeNonEmpty(g, LINKTARGET, n.linkTarget());
        if (n.extendedAttributes() != null && !n.extendedAttributes().isEmpty()) {
            g.writeFieldName(EXTENDED_ATTRIBUTES);
            g.writeStartArray();
            for (ExtendedAttribute a : n.extendedAttributes()) {
                writeAttribute(g, a);
            }
            g.writeEndArray();
        }
        writeNonZero(g, DEVICE, n.device());
        g.writeFieldName(CONTENT);
        if (n.content() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (Id id : n.content()) {
                g.writeString(id.toString());
            }
            g.writeEndArray();
        }
        if (n.subtree() != null) {
            g.writeFieldName(SUBTREE);
            g.writeString(n.subtree().toString());
        }
        writeNonEmpty(g, ERROR, n.error());
        g.writeEndObject();
    }

    /** As databind writes the record: null fields left out, the value in base64. */
    private static void writeAttribute(JsonGenerator g, ExtendedAttribute a) throws IOException {
        g.writeStartObject();
        if (a.name() != null) {
            g.writeFieldName(NAME);
            g.writeString(a.name());
        }
        if (a.value() != null) {
            g.writeFieldName(VALUE);
            g.writeBinary(a.value());
        }
        g.writeEndObject();
    }

    /** Writes an unsigned field (Go's uint32/uint64 in restic's node) unless it is 0. */
    private static void writeNonZero(JsonGenerator g, SerializableString field, long value) throws IOException {
        if (value != 0) {
            g.writeFieldName(field);
            if (value < 0) {
                g.writeNumber(Long.toUnsignedString(value)); // a uint64 from 2^63 up, e.g. a FUSE inode
            } else {
                g.writeNumber(value);
            }
        }
    }

    private static void writeNonEmpty(JsonGenerator g, SerializableString field, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeFieldName(field);
            g.writeString(value);
        }
    }

    private static void writeTime(JsonGenerator g, SerializableString field, OffsetDateTime t) throws IOException {
        if (t != null) {
            g.writeFieldName(field);
            g.writeString(GoTime.format(t));
        }
    }

    static Tree decode(byte[] blob) throws CorruptDataException {
        try (JsonParser p = FACTORY.createParser(blob)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw corrupt(p, "not a JSON object");
            }
            List<Node> nodes = null;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                if (!field.equals("nodes")) {
                    p.skipChildren();
                } else if (v == JsonToken.START_ARRAY) {
                    nodes = new ArrayList<>();
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        if (t != JsonToken.START_OBJECT) {
                            throw corrupt(p, "a node is not an object");
                        }
                        nodes.add(readNode(p));
                    }
                } else if (v != JsonToken.VALUE_NULL) {
                    throw corrupt(p, "\"nodes\" is not an array");
                }
            }
            return new Tree(nodes);
        } catch (CorruptDataException e) {
            throw e;
        } catch (IOException e) {
            // what the parser finds malformed (with its location), and numbers beyond a long
            throw new CorruptDataException("tree blob is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Node readNode(JsonParser p) throws IOException {
        String name = null;
        NodeType type = null;
        long mode = 0;
        OffsetDateTime mtime = null;
        OffsetDateTime atime = null;
        OffsetDateTime ctime = null;
        long uid = 0;
        long gid = 0;
        String user = null;
        String group = null;
        long inode = 0;
        long deviceId = 0;
        long size = 0;
        long links = 0;
        String linkTarget = null;
        List<ExtendedAttribute> attributes = null;
        long device = 0;
        List<Id> content = null;
        Id subtree = null;
        String error = null;
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (field) {
                case "name" -> name = string(p, v, field);
                case "type" -> type = nodeType(p, v);
                case "mode" -> mode = number(p, v, field);
                case "mtime" -> mtime = time(p, v, field);
                case "atime" -> atime = time(p, v, field);
                case "ctime" -> ctime = time(p, v, field);
                case "uid" -> uid = number(p, v, field);
                case "gid" -> gid = number(p, v, field);
                case "user" -> user = shared(string(p, v, field));
                case "group" -> group = shared(string(p, v, field));
                case "inode" -> inode = unsigned(p, v, field);
                case "device_id" -> deviceId = unsigned(p, v, field);
                case "size" -> size = unsigned(p, v, field);
                case "links" -> links = unsigned(p, v, field);
                case "linktarget" -> linkTarget = string(p, v, field);
                case "extended_attributes" -> attributes = attributes(p, v);
                case "device" -> device = unsigned(p, v, field);
                case "content" -> content = content(p, v);
                case "subtree" -> subtree = v == JsonToken.VALUE_NULL ? null : id(p, v, field);
                case "error" -> error = string(p, v, field);
                default -> p.skipChildren();
            }
        }
        return new Node(name, type, mode, mtime, atime, ctime, uid, gid, user, group, inode, deviceId, size, links,
                linkTarget, attributes, device, content, subtree, error);
    }

    private static String string(JsonParser p, JsonToken v, String field) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        throw corrupt(p, "\"" + field + "\" is not a string");
    }

    /**
     * One String per owner name: a tree repeats the same few names on every node, and a restore's plan holds
     * every node of a snapshot (200,000 files kept 400,000 copies of "root").
     */
    private static String shared(String name) {
        if (name == null || OWNER_NAMES.size() >= MAX_OWNER_NAMES) {
            return name;
        }
        String known = OWNER_NAMES.putIfAbsent(name, name);
        return known == null ? name : known;
    }

    private static final int MAX_OWNER_NAMES = 4096;
    private static final ConcurrentHashMap<String, String> OWNER_NAMES = new ConcurrentHashMap<>();

    private static long number(JsonParser p, JsonToken v, String field) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (v == JsonToken.VALUE_NULL) {
            return 0;
        }
        throw corrupt(p, "\"" + field + "\" is not an integer");
    }

    /**
     * restic's uint64 fields (inode, device IDs, size, links): values from 2^63 up (FUSE and overlay inodes,
     * for one) keep their 64 bits in the long, read back unsigned by {@link #writeNonZero}.
     */
    private static long unsigned(JsonParser p, JsonToken v, String field) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            BigInteger value = p.getBigIntegerValue();
            if (value.signum() < 0 || value.bitLength() > 64) {
                throw corrupt(p, "\"" + field + "\" is out of range of uint64: " + value);
            }
            return value.longValue();
        }
        return number(p, v, field);
    }

    private static NodeType nodeType(JsonParser p, JsonToken v) throws IOException {
        String s = string(p, v, "type");
        try {
            return s == null ? null : NodeType.fromJson(s);
        } catch (IllegalArgumentException e) {
            throw corrupt(p, e.getMessage());
        }
    }

    private static OffsetDateTime time(JsonParser p, JsonToken v, String field) throws IOException {
        String s = string(p, v, field);
        try {
            return s == null ? null : GoTime.parse(s);
        } catch (DateTimeParseException e) {
            throw corrupt(p, "\"" + field + "\": " + e.getMessage());
        }
    }

    private static Id id(JsonParser p, JsonToken v, String field) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw corrupt(p, "\"" + field + "\" holds something other than a blob ID");
        }
        try {
            return Id.parse(p.getText());
        } catch (IllegalArgumentException e) {
            throw corrupt(p, "\"" + field + "\": " + e.getMessage());
        }
    }

    /** A JSON array of {@code field}, each element read by {@code element}; null for JSON null. */
    private static <T> List<T> array(JsonParser p, JsonToken v, String field, Element<T> element) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.START_ARRAY) {
            throw corrupt(p, "\"" + field + "\" is not an array");
        }
        List<T> items = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            items.add(element.read(p, t));
        }
        return items;
    }

    @FunctionalInterface
    private interface Element<T> {
        T read(JsonParser p, JsonToken t) throws IOException;
    }

    private static List<Id> content(JsonParser p, JsonToken v) throws IOException {
        return array(p, v, "content", (parser, t) -> id(parser, t, "content"));
    }

    private static List<ExtendedAttribute> attributes(JsonParser p, JsonToken v) throws IOException {
        return array(p, v, "extended_attributes", TreeJson::attribute);
    }

    private static ExtendedAttribute attribute(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw corrupt(p, "an extended attribute is not an object");
        }
        String name = null;
        byte[] value = null;
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken fv = p.nextToken();
            switch (field) {
                case "name" -> name = string(p, fv, "extended_attributes.name");
                case "value" -> value = fv == JsonToken.VALUE_NULL ? null : base64(p, fv);
                default -> p.skipChildren();
            }
        }
        return new ExtendedAttribute(name, value);
    }

    private static byte[] base64(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw corrupt(p, "\"extended_attributes.value\" is not a base64 string");
        }
        return p.getBinaryValue();
    }

    private static CorruptDataException corrupt(JsonParser p, String what) {
        return new CorruptDataException("tree blob is not valid: " + what + " (at byte "
                + p.currentTokenLocation().getByteOffset() + ")");
    }
}
