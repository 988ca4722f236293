package io.cairn.kube.volumes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.cairn.repository.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What one run of {@code cairn mover backup|restore} reports: the JSON a mover pod writes to its termination
 * message (and stdout), read back by the coordinator. Kept small: a termination message holds at most 4 KiB.
 *
 * @param tree           backup: the subtree holding the volume's files (durable: the mover flushed first); null on
 *                       restore or failure
 * @param files          regular files saved or restored
 * @param bytes          bytes of file content read (backup) or written (restore)
 * @param newBytes       backup: plaintext bytes of blobs the repository did not have
 * @param durationMillis wall time of the run
 * @param warnings       entries skipped or only partly handled (at most {@link #MAX_WARNINGS}, the rest counted)
 * @param error          why the run failed, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MoverResult(String tree, long files, long bytes, long newBytes, long durationMillis,
                          List<String> warnings, String error) {
    public static final int MAX_WARNINGS = 10;
    private static final int MAX_TEXT = 300;

    public MoverResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static MoverResult failure(String error, long durationMillis) {
        return new MoverResult(null, 0, 0, 0, durationMillis, List.of(), shorten(error));
    }

    public boolean failed() {
        return error != null;
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a termination message; throws when it is not a mover result. */
    public static MoverResult parse(String json) throws IOException {
        return Json.MAPPER.readValue(json.getBytes(StandardCharsets.UTF_8), MoverResult.class);
    }

    /** The first {@link #MAX_WARNINGS} warnings, each shortened, and a count of the rest. */
    static List<String> capped(List<String> all) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(all.size(), MAX_WARNINGS); i++) {
            out.add(shorten(all.get(i)));
        }
        if (all.size() > MAX_WARNINGS) {
            out.add("… and " + (all.size() - MAX_WARNINGS) + " more");
        }
        return out;
    }

    static String shorten(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
