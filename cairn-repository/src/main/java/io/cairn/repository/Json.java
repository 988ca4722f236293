package io.cairn.repository;

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
import io.cairn.repository.tree.GoTime;
import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * The one JSON mapper for repository files. It writes what Go's encoding/json writes for restic's
 * structures (IDs as hex strings, times as RFC 3339 with nanoseconds) and ignores unknown fields, so
 * files written by newer restic versions still load.
 */
public final class Json {
    public static final ObjectMapper MAPPER = createMapper();

    private Json() {
    }

    private static ObjectMapper createMapper() {
        SimpleModule module = new SimpleModule("restic");
        module.addSerializer(Id.class, new JsonSerializer<>() {
            @Override
            public void serialize(Id value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        module.addDeserializer(Id.class, new JsonDeserializer<>() {
            @Override
            public Id deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                try {
                    return Id.parse(p.getValueAsString());
                } catch (IllegalArgumentException e) {
                    throw ctxt.weirdStringException(p.getValueAsString(), Id.class, e.getMessage());
                }
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(formatTime(value));
            }
        });
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<>() {
            @Override
            public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return GoTime.parse(p.getValueAsString());
            }
        });
        return new ObjectMapper()
                .registerModule(module)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** RFC 3339 with up to nine fraction digits, trailing zeros dropped, "Z" for UTC: Go's time.RFC3339Nano. */
    public static String formatTime(OffsetDateTime t) {
        return GoTime.format(t);
    }
}
