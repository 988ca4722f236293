package io.cairn.repository.tree;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as Go's encoding/json writes them (time.RFC3339Nano: {@code 2006-01-02T15:04:05.999999999Z07:00}),
 * without the generality of {@link DateTimeFormatter}, which was most of the cost of reading and writing
 * trees (three times per node). Anything outside the common shape goes to
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, so both methods accept and produce exactly what that
 * formatter does.
 */
public final class GoTime {
    private GoTime() {
    }

    /** Formats as ISO_OFFSET_DATE_TIME does: fraction without trailing zeros, "Z" for UTC. */
    public static String format(OffsetDateTime t) {
        int year = t.getYear();
        int offset = t.getOffset().getTotalSeconds();
        if (year < 0 || year > 9999 || offset % 60 != 0) {
            // ISO writes a sign on such years and seconds in such offsets (Go does neither); rare enough
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        byte[] b = new byte[35];
        digits(b, 0, year, 4);
        b[4] = '-';
        digits(b, 5, t.getMonthValue(), 2);
        b[7] = '-';
        digits(b, 8, t.getDayOfMonth(), 2);
        b[10] = 'T';
        digits(b, 11, t.getHour(), 2);
        b[13] = ':';
        digits(b, 14, t.getMinute(), 2);
        b[16] = ':';
        digits(b, 17, t.getSecond(), 2);
        int n = 19;
        int nano = t.getNano();
        if (nano != 0) {
            int width = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                width--;
            }
            b[n++] = '.';
            digits(b, n, nano, width);
            n += width;
        }
        if (offset == 0) {
            b[n++] = 'Z';
        } else {
            b[n++] = (byte) (offset < 0 ? '-' : '+');
            int minutes = Math.abs(offset) / 60;
            digits(b, n, minutes / 60, 2);
            b[n + 2] = ':';
            digits(b, n + 3, minutes % 60, 2);
            n += 5;
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * Parses what {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} parses. The shape Go writes
     * ({@code yyyy-mm-ddThh:mm:ss}, 0-9 fraction digits, {@code Z} or {@code ±hh:mm}) is read directly;
     * everything else, including invalid dates, goes to the ISO parser, which decides and explains.
     *
     * @throws java.time.format.DateTimeParseException if the text is not such a time
     */
    public static OffsetDateTime parse(String s) {
        OffsetDateTime t = parseCommon(s);
        return t != null ? t : OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The time, or null when {@code s} is not in the common shape or not a valid time. */
    private static OffsetDateTime parseCommon(String s) {
        int len = s.length();
        if (len < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        int i = 19;
        int nano = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < len && i - start < 9 && isDigit(s.charAt(i))) {
                nano = nano * 10 + s.charAt(i++) - '0';
            }
            int count = i - start;
            if (count == 0) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nano *= 10;
            }
        }
        int offsetSeconds;
        if (i == len - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == len - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int h = number(s, i + 1, 2);
            int m = number(s, i + 4, 2);
            if (h < 0 || m < 0 || m > 59) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -60 : 60) * (h * 60 + m);
        } else {
            return null;
        }
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nano,
                    offsetSeconds == 0 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null; // e.g. February 30th or an offset beyond 18 hours: the ISO parser explains
        }
    }

    /** The value of {@code width} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int number(String s, int from, int width) {
        int v = 0;
        for (int i = from; i < from + width; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + c - '0';
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void digits(byte[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
