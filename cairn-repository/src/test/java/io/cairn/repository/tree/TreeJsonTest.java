package io.cairn.repository.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming tree codec against the databind binding it replaced (kept here as the reference): same
 * bytes for every node shape, same trees from those bytes, and restic's own JSON read as restic means it.
 */
class TreeJsonTest {
    /** Node.isDirectory() is not a field of restic's node; databind wrote it until the codec dropped it. */
    @JsonIgnoreProperties("directory")
    private abstract static class WithoutDirectoryFlag {
    }

    /** Json.MAPPER as it was before the codec (less the directory flag), times by java.time: the reference. */
    private static final ObjectMapper REFERENCE = new ObjectMapper()
            .addMixIn(Node.class, WithoutDirectoryFlag.class)
            .registerModule(new SimpleModule("reference")
                    .addSerializer(Id.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Id value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                            gen.writeString(value.toString());
                        }
                    })
                    .addDeserializer(Id.class, new JsonDeserializer<>() {
                        @Override
                        public Id deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            return Id.parse(p.getValueAsString());
                        }
                    })
                    .addSerializer(OffsetDateTime.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider)
                                throws IOException {
                            gen.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
                        }
                    })
                    .addDeserializer(OffsetDateTime.class, new JsonDeserializer<>() {
                        @Override
                        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            return OffsetDateTime.parse(p.getValueAsString(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                        }
                    }))
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String[] NAMES = {"", "a", "dir", "file.txt", "with \"quotes\"", "back\\slash", "tab\tnew\nline",
        "\u0001ctl\u001f\u007f", "ü ñ 日本語", "emoji \uD83D\uDE00", "</script>&<>'", "line\u2028sep", "lone \uD800 surrogate"};

    @Test
    void writesTheSameBytesAsTheDatabindBindingAndReadsThemAsItDid() throws IOException {
        Random r = new Random(42);
        List<OffsetDateTime> times = GoTimeTest.times(r, 1000);
        for (int i = 0; i < 2000; i++) {
            List<Node> nodes = new ArrayList<>();
            for (int k = r.nextInt(i % 100 == 0 ? 200 : 12); k > 0; k--) {
                nodes.add(randomNode(r, times));
            }
            Tree tree = new Tree(nodes);

            byte[] bytes = tree.toBytes();
            String expected = new String(databindBytes(tree), StandardCharsets.UTF_8);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected);
            Tree parsed = Tree.parse(bytes);
            assertSameTree(parsed, REFERENCE.readValue(bytes, Tree.class));
            // what is left out reads back as null; everything else comes back as it was
            assertSameTree(parsed, new Tree(nodes.stream().map(TreeJsonTest::withDefaultsAsNull).toList()));
        }
    }

    /** Equal trees; extended attributes compared by content (records compare arrays by identity). */
    private static void assertSameTree(Tree actual, Tree expected) {
        assertThat(actual.nodes()).hasSameSizeAs(expected.nodes());
        for (int i = 0; i < actual.nodes().size(); i++) {
            Node a = actual.nodes().get(i);
            Node e = expected.nodes().get(i);
            assertThat(withoutAttributes(a)).isEqualTo(withoutAttributes(e));
            if (e.extendedAttributes() == null) {
                assertThat(a.extendedAttributes()).isNull();
                continue;
            }
            assertThat(a.extendedAttributes()).hasSameSizeAs(e.extendedAttributes());
            for (int k = 0; k < e.extendedAttributes().size(); k++) {
                assertThat(a.extendedAttributes().get(k).name()).isEqualTo(e.extendedAttributes().get(k).name());
                assertThat(a.extendedAttributes().get(k).value()).isEqualTo(e.extendedAttributes().get(k).value());
            }
        }
    }

    private static Node withoutAttributes(Node n) {
        return new Node(n.name(), n.type(), n.mode(), n.mtime(), n.atime(), n.ctime(), n.uid(), n.gid(), n.user(),
                n.group(), n.inode(), n.deviceId(), n.size(), n.links(), n.linkTarget(), null, n.device(), n.content(),
                n.subtree(), n.error());
    }

    @Test
    void leavesOutExactlyTheDefaultFields() throws CorruptDataException {
        Id blob = Id.hash(new byte[] {1});
        Node file = new Node("f", NodeType.FILE, 0644, null, null, null, 0, 0, "", null, 0, 0, 0, 0, "", List.of(), 0,
                List.of(blob), null, "");
        Node bare = new Node(null, null, 0, null, null, null, 0, 0, null, null, 0, 0, 0, 0, null, null, 0, null, null, null);
        Node emptyContent = bare.withName("e").withContent(List.of());
        OffsetDateTime t = OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 10_000, ZoneOffset.ofHours(-3));
        Node dev = new Node("d", NodeType.CHARDEV, GoFileMode.DEVICE | GoFileMode.CHAR_DEVICE | 0600, t, t, t, 1, 2,
                "u", "g", -1, Long.MAX_VALUE, 0, 1, null, List.of(new ExtendedAttribute("user.x", new byte[] {0, -1}),
                new ExtendedAttribute("user.empty", new byte[0]), new ExtendedAttribute(null, null)), 0x0103, null,
                null, null);

        Node dir = new Node("sub", NodeType.DIR, GoFileMode.DIR | 0700, null, null, null, 0, 0, null, null, 0, 0, 0, 0,
                null, null, 0, null, blob, "lstat failed");

        assertThat(json(new Tree(List.of(file, bare, emptyContent, dev, dir)))).isEqualTo("{\"nodes\":["
                + "{\"name\":\"f\",\"type\":\"file\",\"mode\":420,\"uid\":0,\"gid\":0,\"content\":[\"" + blob + "\"]},"
                + "{\"name\":null,\"uid\":0,\"gid\":0,\"content\":null},"
                + "{\"name\":\"e\",\"uid\":0,\"gid\":0,\"content\":[]},"
                + "{\"name\":\"d\",\"type\":\"chardev\",\"mode\":69206400,\"mtime\":\"2024-05-06T07:08:09.00001-03:00\","
                + "\"atime\":\"2024-05-06T07:08:09.00001-03:00\",\"ctime\":\"2024-05-06T07:08:09.00001-03:00\","
                + "\"uid\":1,\"gid\":2,\"user\":\"u\",\"group\":\"g\",\"inode\":18446744073709551615,\"device_id\":9223372036854775807,"
                + "\"links\":1,\"extended_attributes\":[{\"name\":\"user.x\",\"value\":\"AP8=\"},"
                + "{\"name\":\"user.empty\",\"value\":\"\"},{}],\"device\":259,\"content\":null},"
                + "{\"name\":\"sub\",\"type\":\"dir\",\"mode\":2147484096,\"uid\":0,\"gid\":0,\"content\":null,"
                + "\"subtree\":\"" + blob + "\",\"error\":\"lstat failed\"}]}\n");
        assertThat(json(new Tree(List.of()))).isEqualTo("{\"nodes\":[]}\n");
    }

    @Test
    void readsResticsJson() throws CorruptDataException {
        Id subtree = Id.hash(new byte[] {1});
        Id blob = Id.hash(new byte[] {2});
        String json = "{\"nodes\":[{\"name\":\"dir\",\"type\":\"dir\",\"mode\":2147484141,"
                + "\"mtime\":\"2024-01-02T03:04:05.123456789+01:00\",\"atime\":\"2024-01-02T03:04:05.5+01:00\","
                + "\"ctime\":\"2024-01-02T03:04:05Z\",\"uid\":1000,\"gid\":100,\"user\":\"me\",\"group\":\"users\","
                + "\"inode\":1234,\"device_id\":2049,\"content\":null,\"subtree\":\"" + subtree + "\"},\n"
                // fields in another order, fields Cairn does not know, explicit nulls, missing fields
                + " {\"generic_attributes\":{\"windows.creation_time\":\"AAAA\",\"nested\":[[1],{\"a\":null}]},"
                + "\"content\":[\"" + blob + "\"],\"size\":5,\"name\":\"f\",\"linktarget_raw\":null,\"type\":\"file\","
                + "\"mtime\":\"0001-01-01T00:00:00Z\",\"user\":null,\"extended_attributes\":null,\"links\":1},"
                + " {\"name\":\"l\",\"type\":\"symlink\",\"linktarget\":\"../f\",\"mode\":134218239,"
                + "\"extended_attributes\":[{\"name\":\"user.a\",\"value\":\"aGk=\",\"flags\":3}]}],"
                + "\"unknown\":{\"nodes\":1}}\n";

        Tree tree = Tree.parse(json.getBytes(StandardCharsets.UTF_8));

        OffsetDateTime plusOne = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(1));
        Node dir = new Node("dir", NodeType.DIR, GoFileMode.DIR | 0755, plusOne.withNano(123_456_789),
                plusOne.withNano(500_000_000), OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), 1000, 100,
                "me", "users", 1234, 2049, 0, 0, null, null, 0, null, subtree, null);
        Node file = new Node("f", NodeType.FILE, 0, OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), null, null,
                0, 0, null, null, 0, 0, 5, 1, null, null, 0, List.of(blob), null, null);
        assertThat(tree.nodes()).hasSize(3);
        assertThat(tree.nodes().get(0)).isEqualTo(dir);
        assertThat(tree.nodes().get(1)).isEqualTo(file);
        Node link = tree.nodes().get(2);
        assertThat(link.linkTarget()).isEqualTo("../f");
        assertThat(link.mode()).isEqualTo(GoFileMode.SYMLINK | 0777);
        assertThat(link.extendedAttributes()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("user.a");
            assertThat(a.value()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(Tree.parse("{}".getBytes(StandardCharsets.UTF_8)).nodes()).isEmpty();
        assertThat(Tree.parse("{\"nodes\":null}".getBytes(StandardCharsets.UTF_8)).nodes()).isEmpty();
    }

    @Test
    void uint64FieldsKeepAll64Bits() throws CorruptDataException {
        String json = "{\"nodes\":[{\"name\":\"f\",\"type\":\"file\",\"mode\":420,\"uid\":0,\"gid\":0,"
                + "\"inode\":18446744073709551615,\"device_id\":9223372036854775808,\"size\":9223372036854775807,"
                + "\"links\":18446744073709551614,\"device\":12345678901234567890,\"content\":[]}]}\n";

        Tree tree = Tree.parse(json.getBytes(StandardCharsets.UTF_8));

        Node f = tree.nodes().get(0);
        assertThat(f.inode()).isEqualTo(-1L);
        assertThat(f.deviceId()).isEqualTo(Long.MIN_VALUE);
        assertThat(f.size()).isEqualTo(Long.MAX_VALUE);
        assertThat(Long.toUnsignedString(f.links())).isEqualTo("18446744073709551614");
        assertThat(Long.toUnsignedString(f.device())).isEqualTo("12345678901234567890");
        assertThat(json(tree)).isEqualTo(json);
    }

    @Test
    void corruptJsonIsCorruptData() {
        String id = Id.hash(new byte[0]).toString();
        String[][] cases = {
            {"", "not a JSON object"},
            {"null", "not a JSON object"},
            {"[]", "not a JSON object"},
            {"{\"nodes\":[{\"name\":\"a\"}", "not valid JSON: Unexpected end-of-input"},
            {"{\"nodes\":[{\"name\":\"a\",}]}", "not valid JSON"},
            {"{\"nodes\":{}}", "\"nodes\" is not an array"},
            {"{\"nodes\":[1]}", "a node is not an object"},
            {"{\"nodes\":[{\"name\":[]}]}", "\"name\" is not a string"},
            {"{\"nodes\":[{\"size\":\"5\"}]}", "\"size\" is not an integer"},
            {"{\"nodes\":[{\"size\":1.5}]}", "\"size\" is not an integer"},
            {"{\"nodes\":[{\"inode\":18446744073709551616}]}", "\"inode\" is out of range of uint64"},
            {"{\"nodes\":[{\"size\":-18446744073709551615}]}", "\"size\" is out of range of uint64"},
            {"{\"nodes\":[{\"uid\":18446744073709551615}]}", "out of range of long"},
            {"{\"nodes\":[{\"type\":\"door\"}]}", "unknown node type: door"},
            {"{\"nodes\":[{\"mtime\":\"2024-02-30T00:00:00Z\"}]}", "\"mtime\": Text '2024-02-30T00:00:00Z' could not be parsed"},
            {"{\"nodes\":[{\"ctime\":5}]}", "\"ctime\" is not a string"},
            {"{\"nodes\":[{\"subtree\":\"abc\"}]}", "\"subtree\": not a 64-digit hex ID: abc"},
            {"{\"nodes\":[{\"content\":[\"" + id + "\",null]}]}", "\"content\" holds something other than a blob ID"},
            {"{\"nodes\":[{\"content\":\"" + id + "\"}]}", "\"content\" is not an array"},
            {"{\"nodes\":[{\"content\":[\"" + id.replace('e', 'g') + "\"]}]}", "\"content\": "},
            {"{\"nodes\":[{\"extended_attributes\":[\"x\"]}]}", "an extended attribute is not an object"},
            {"{\"nodes\":[{\"extended_attributes\":[{\"value\":\"!!\"}]}]}", "not valid JSON"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> Tree.parse(c[0].getBytes(StandardCharsets.UTF_8))).as(c[0])
                    .isInstanceOf(CorruptDataException.class)
                    .hasMessageStartingWith("tree blob is not valid")
                    .hasMessageContaining(c[1]);
        }
    }

    /** Tree.toBytes as it was: the reference binding of the annotated records, then a newline. */
    private static byte[] databindBytes(Tree tree) throws IOException {
        byte[] json = REFERENCE.writeValueAsBytes(tree);
        byte[] out = Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }

    private static String json(Tree tree) {
        return new String(tree.toBytes(), StandardCharsets.UTF_8);
    }

    private static Node randomNode(Random r, List<OffsetDateTime> times) {
        return new Node(
                r.nextInt(20) == 0 ? null : NAMES[r.nextInt(NAMES.length)] + (r.nextBoolean() ? r.nextInt(1000) : ""),
                r.nextInt(8) == 0 ? null : NodeType.values()[r.nextInt(NodeType.values().length)],
                someLong(r),
                r.nextInt(5) == 0 ? null : times.get(r.nextInt(times.size())),
                r.nextInt(5) == 0 ? null : times.get(r.nextInt(times.size())),
                r.nextInt(5) == 0 ? null : times.get(r.nextInt(times.size())),
                someLong(r), someLong(r),
                someString(r), someString(r),
                someLong(r), someLong(r), someLong(r), someLong(r),
                someString(r),
                attributes(r),
                someLong(r),
                switch (r.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> List.of();
                    default -> ids(r, 1 + r.nextInt(r.nextInt(10) == 0 ? 50 : 3));
                },
                r.nextInt(3) == 0 ? Id.hash(new byte[] {(byte) r.nextInt()}) : null,
                someString(r));
    }

    private static long someLong(Random r) {
        return switch (r.nextInt(7)) {
            case 0, 1 -> 0;
            case 2 -> r.nextInt(1000);
            case 3 -> r.nextLong() & Long.MAX_VALUE; // the binding wrote longs signed; see uint64FieldsKeepAll64Bits
            case 4 -> Long.MAX_VALUE;
            case 5 -> 0xffff_ffffL;
            default -> GoFileMode.DIR | GoFileMode.SETGID | r.nextInt(01000);
        };
    }

    private static String someString(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> null;
            case 1 -> "";
            default -> NAMES[r.nextInt(NAMES.length)];
        };
    }

    private static List<Id> ids(Random r, int n) {
        List<Id> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(Id.hash(new byte[] {(byte) r.nextInt(), (byte) i}));
        }
        return ids;
    }

    private static List<ExtendedAttribute> attributes(Random r) {
        if (r.nextInt(3) == 0) {
            return r.nextBoolean() ? null : List.of();
        }
        List<ExtendedAttribute> attributes = new ArrayList<>();
        for (int i = r.nextInt(4); i >= 0; i--) {
            byte[] value = new byte[r.nextInt(5) == 0 ? 0 : r.nextInt(300)];
            r.nextBytes(value);
            attributes.add(new ExtendedAttribute(r.nextInt(10) == 0 ? null : "user.a" + i,
                    r.nextInt(10) == 0 ? null : value));
        }
        return attributes;
    }

    /** What a node reads back as: the fields the encoder leaves out because they are empty come back null. */
    private static Node withDefaultsAsNull(Node n) {
        return new Node(n.name(), n.type(), n.mode(), n.mtime(), n.atime(), n.ctime(), n.uid(), n.gid(),
                emptyAsNull(n.user()), emptyAsNull(n.group()), n.inode(), n.deviceId(), n.size(), n.links(),
                emptyAsNull(n.linkTarget()), n.extendedAttributes() == null || n.extendedAttributes().isEmpty()
                ? null : n.extendedAttributes(), n.device(), n.content(), n.subtree(), emptyAsNull(n.error()));
    }

    private static String emptyAsNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
