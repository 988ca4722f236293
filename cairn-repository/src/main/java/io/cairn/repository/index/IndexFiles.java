package io.cairn.repository.index;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cairn.repository.BlobType;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.Json;
import io.cairn.repository.UnpackedFiles;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.crypto.CryptoKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Index files (restic design, "Indexing"): {@code {"supersedes":[...],"packs":[{"id","blobs":[{"id","type",
 * "offset","length","uncompressed_length"}]}]}}, sealed as unpacked files. Reading also accepts restic's
 * older format, a bare array of packs. Parsing streams, so a large index never becomes a tree of objects.
 */
public final class IndexFiles {
    /** restic's indexMaxBlobs: blobs per index file in a repository without compression. */
    public static final int MAX_BLOBS = 50_000;
    /** restic's indexMaxBlobsCompressed. */
    public static final int MAX_BLOBS_COMPRESSED = 3 * MAX_BLOBS;

    private IndexFiles() {
    }

    /** Receives what an index file lists. */
    public interface Visitor {
        default void supersedes(Id indexId) {
        }

        void pack(PackContents pack);
    }

    /** Loads, verifies and parses one index file; failures are {@link CorruptDataException}s naming it. */
    public static void read(Backend backend, CryptoKey key, Id indexId, Visitor visitor) throws IOException {
        Handle h = Handle.of(FileType.INDEX, indexId);
        try (InputStream json = UnpackedFiles.open(backend, key, h)) {
            parse(Json.MAPPER.getFactory().createParser(json), visitor);
        } catch (CorruptDataException e) {
            throw new CorruptDataException(h + ": " + e.getMessage(), e);
        }
    }

    /** Parses the plaintext JSON of an index file. */
    public static void parse(byte[] json, Visitor visitor) throws CorruptDataException {
        try {
            parse(Json.MAPPER.getFactory().createParser(json), visitor);
        } catch (CorruptDataException e) {
            throw e;
        } catch (IOException e) {
            throw new CorruptDataException("index is not valid: " + e.getMessage(), e);
        }
    }

    /** Parses as the JSON comes, so a large index file is never held whole as text. */
    private static void parse(JsonParser parser, Visitor visitor) throws IOException {
        try (JsonParser p = parser) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                readPacks(p, visitor);
            } else if (t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if (field.equals("packs") && v == JsonToken.START_ARRAY) {
                        readPacks(p, visitor);
                    } else if (field.equals("supersedes") && v == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            visitor.supersedes(Id.parse(p.getValueAsString()));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                throw new CorruptDataException("index is neither a JSON object nor an array");
            }
        } catch (CorruptDataException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptDataException("index is not valid: " + e.getMessage(), e);
        }
    }

    private static void readPacks(JsonParser p, Visitor visitor) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Id packId = null;
            List<BlobEntry> blobs = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("id")) {
                    packId = Id.parse(p.getValueAsString());
                } else if (field.equals("blobs") && v == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        blobs.add(readBlob(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (packId == null) {
                throw new CorruptDataException("a pack entry has no id");
            }
            visitor.pack(new PackContents(packId, blobs));
        }
    }

    private static BlobEntry readBlob(JsonParser p) throws IOException {
        Id id = null;
        BlobType type = null;
        long offset = -1;
        long length = -1;
        long uncompressed = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "id" -> id = Id.parse(p.getValueAsString());
                case "type" -> type = BlobType.fromJson(p.getValueAsString());
                case "offset" -> offset = p.getLongValue();
                case "length" -> length = p.getLongValue();
                case "uncompressed_length" -> uncompressed = p.getLongValue();
                default -> p.skipChildren();
            }
        }
        if (id == null || type == null || offset < 0 || length < 0) {
            throw new CorruptDataException("a blob entry lacks id, type, offset or length");
        }
        if (offset > 0xFFFF_FFFFL || length > Integer.MAX_VALUE || uncompressed < 0 || uncompressed > Integer.MAX_VALUE) {
            throw new CorruptDataException("blob " + id + " has an offset or length out of range");
        }
        return new BlobEntry(type, id, offset, (int) length, (int) uncompressed);
    }

    /**
     * Writes index files listing the packs, starting a new file once one lists {@code maxBlobs} blobs (packs
     * are never split). Returns the IDs of the files written.
     */
    public static List<Id> write(Backend backend, CryptoKey key, boolean compress, List<PackContents> packs, int maxBlobs)
            throws IOException {
        List<Id> written = new ArrayList<>();
        List<PackContents> chunk = new ArrayList<>();
        int blobs = 0;
        for (PackContents pack : packs) {
            chunk.add(pack);
            blobs += pack.blobs().size();
            if (blobs >= maxBlobs) {
                written.add(UnpackedFiles.save(backend, key, FileType.INDEX, encode(List.of(), chunk), compress));
                chunk.clear();
                blobs = 0;
            }
        }
        if (!chunk.isEmpty()) {
            written.add(UnpackedFiles.save(backend, key, FileType.INDEX, encode(List.of(), chunk), compress));
        }
        return written;
    }

    /** The plaintext JSON of one index file. */
    public static byte[] encode(List<Id> supersedes, List<PackContents> packs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            if (!supersedes.isEmpty()) {
                g.writeArrayFieldStart("supersedes");
                for (Id id : supersedes) {
                    g.writeString(id.toString());
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("packs");
            for (PackContents pack : packs) {
                g.writeStartObject();
                g.writeStringField("id", pack.packId().toString());
                g.writeArrayFieldStart("blobs");
                for (BlobEntry b : pack.blobs()) {
                    g.writeStartObject();
                    g.writeStringField("id", b.id().toString());
                    g.writeStringField("type", b.type().jsonName());
                    g.writeNumberField("offset", b.offset());
                    g.writeNumberField("length", b.length());
                    if (b.isCompressed()) {
                        g.writeNumberField("uncompressed_length", b.uncompressedLength());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }
}
