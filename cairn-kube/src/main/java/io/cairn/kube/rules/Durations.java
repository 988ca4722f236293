package io.cairn.kube.rules;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Velero and Go write them: {@code 30s}, {@code 500ms}, {@code 1m30s}, {@code 2h}; a bare number is seconds. */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the text and the accepted forms */
    static Duration parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.matches("\\d+")) {
            return positive(Duration.ofSeconds(Long.parseLong(s)), text);
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int pos = 0;
        while (pos < s.length() && m.find(pos) && m.start() == pos) {
            double n = Double.parseDouble(m.group(1));
            long millis = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                default -> 3_600_000;
            };
            total = total.plusMillis(Math.round(n * millis));
            pos = m.end();
        }
        if (s.isEmpty() || pos != s.length()) {
            throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 30s, 500ms, 2m, 1m30s)");
        }
        return positive(total, text);
    }

    private static Duration positive(Duration d, String text) {
        if (d.isZero()) {
            throw new IllegalArgumentException("bad duration '" + text + "': must be positive");
        }
        return d;
    }

    /** "30s", "500ms", "2m" — the shortest exact form. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
