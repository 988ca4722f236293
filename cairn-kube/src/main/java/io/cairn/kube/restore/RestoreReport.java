package io.cairn.kube.restore;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a restore did: the request, timings, one result per object in the order they were handled, counts,
 * the volumes filled from the backup, and warnings about the request (filters or mappings that matched nothing in the backup).
 * Serialises with any Jackson {@code ObjectMapper} (times as ISO-8601 strings).
 */
public record RestoreReport(String name, String backup, RestoreRequest request,
                            @JsonSerialize(using = ToStringSerializer.class) @JsonDeserialize(using = InstantText.class)
                            Instant startedAt,
                            @JsonSerialize(using = ToStringSerializer.class) @JsonDeserialize(using = InstantText.class)
                            Instant finishedAt,
                            Phase phase, RestoreCounts counts, List<String> warnings, List<ObjectResult> results,
                            List<VolumeRestoreResult> volumes) {

    public RestoreReport {
        warnings = List.copyOf(warnings);
        results = List.copyOf(results);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    /** COMPLETED when no object or volume failed; PARTIALLY_FAILED otherwise (the CLI exits non-zero). */
    public enum Phase {
        COMPLETED, PARTIALLY_FAILED;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @JsonCreator
        public static Phase fromJson(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    static RestoreReport of(RestoreRequest request, Instant startedAt, Instant finishedAt, List<String> warnings,
                            List<ObjectResult> results, List<VolumeRestoreResult> volumes) {
        RestoreCounts counts = RestoreCounts.of(results);
        boolean failed = counts.failed() > 0 || volumes.stream().anyMatch(VolumeRestoreResult::failed);
        return new RestoreReport(request.name(), request.backup(), request, startedAt, finishedAt,
                failed ? Phase.PARTIALLY_FAILED : Phase.COMPLETED, counts, warnings, results, volumes);
    }

    public boolean partial() {
        return phase == Phase.PARTIALLY_FAILED;
    }

    /** Reads the ISO-8601 form written by {@link ToStringSerializer}. */
    static final class InstantText extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Instant.parse(p.getValueAsString());
        }
    }
}
