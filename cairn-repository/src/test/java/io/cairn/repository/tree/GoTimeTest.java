package io.cairn.repository.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** GoTime against the java.time formatter it replaces: same text out, same times (or failures) in. */
class GoTimeTest {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** Times of every shape: any year restic can meet and some it cannot, all offsets, nanos of any length. */
    static List<OffsetDateTime> times(Random r, int count) {
        List<OffsetDateTime> times = new ArrayList<>();
        int[] nanos = {0, 1, 10, 100_000_000, 123_000_000, 123_456_000, 123_456_789, 999_999_999, 500, 7_000};
        for (int i = 0; i < count; i++) {
            int year = switch (r.nextInt(10)) {
                case 0 -> r.nextInt(2) == 0 ? 1 : 9999;
                case 1 -> r.nextInt(2) == 0 ? 0 : 10_000 + r.nextInt(100_000); // ISO's own formats
                case 2 -> -r.nextInt(3000) - 1;
                default -> 1970 + r.nextInt(100);
            };
            ZoneOffset offset = switch (r.nextInt(6)) {
                case 0, 1 -> ZoneOffset.UTC;
                case 2 -> ZoneOffset.ofHoursMinutes(r.nextInt(15), r.nextInt(4) * 15);
                case 3 -> ZoneOffset.ofHoursMinutes(-r.nextInt(13), -r.nextInt(4) * 15);
                case 4 -> ZoneOffset.ofTotalSeconds(r.nextInt(2 * 18 * 3600 + 1) - 18 * 3600); // seconds too
                default -> ZoneOffset.ofHours(r.nextInt(2) == 0 ? 18 : -18);
            };
            int nano = r.nextInt(3) == 0 ? r.nextInt(1_000_000_000) : nanos[r.nextInt(nanos.length)];
            int month = 1 + r.nextInt(12);
            int day = 1 + r.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
            times.add(OffsetDateTime.of(year, month, day, r.nextInt(24), r.nextInt(60), r.nextInt(60), nano, offset));
        }
        return times;
    }

    @Test
    void formatsAsTheIsoFormatterAndParsesBack() {
        for (OffsetDateTime t : times(new Random(1), 20_000)) {
            String text = GoTime.format(t);
            assertThat(text).as("%s", t).isEqualTo(ISO.format(t));
            assertThat(GoTime.parse(text)).isEqualTo(t);
        }
    }

    @Test
    void writesGoRfc3339Nano() {
        assertThat(GoTime.format(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)))
                .isEqualTo("2024-01-02T03:04:05Z");
        assertThat(GoTime.format(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000, ZoneOffset.ofHours(2))))
                .isEqualTo("2024-01-02T03:04:05.12+02:00");
        assertThat(GoTime.format(OffsetDateTime.of(1, 1, 1, 0, 0, 0, 5, ZoneOffset.ofHoursMinutes(-9, -30))))
                .isEqualTo("0001-01-01T00:00:00.000000005-09:30");
    }

    @Test
    void readsWhatResticMayWrite() {
        assertThat(GoTime.parse("2024-01-02T03:04:05.1+05:45"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 100_000_000, ZoneOffset.ofHoursMinutes(5, 45)));
        assertThat(GoTime.parse("2024-01-02T03:04:05.000000001-00:00"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 1, ZoneOffset.UTC));
        assertThat(GoTime.parse("0001-01-01T00:00:00Z")) // Go's zero time
                .isEqualTo(OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        // not Go's shape, but valid RFC 3339 or ISO: the fallback takes them
        assertThat(GoTime.parse("2024-01-02t03:04:05z")).isEqualTo(OffsetDateTime.parse("2024-01-02T03:04:05Z"));
        assertThat(GoTime.parse("2024-01-02T03:04Z")).isEqualTo(OffsetDateTime.parse("2024-01-02T03:04:00Z"));
        assertThat(GoTime.parse("+12024-01-02T03:04:05Z").getYear()).isEqualTo(12024);
    }

    @Test
    void rejectsInvalidTimesAsTheIsoParserDoes() {
        for (String s : List.of("", "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-01-02T24:00:00Z",
                "2024-01-02T23:59:60Z", "2024-13-01T00:00:00Z", "2024-01-02T03:04:05+19:00", "2024-01-02T03:04:05+01:60",
                "2024-01-02T03:04:05.1234567891Z", "2024-01-02T03:04:05", "2024-01-02 03:04:05Z", "2024-1-02T03:04:05Z",
                "2024-01-02T03:04:05+0100", "2024-01-02T03:04:05ZZ", "２０２４-01-02T03:04:05Z")) {
            assertThatThrownBy(() -> GoTime.parse(s)).as(s).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> OffsetDateTime.parse(s, ISO)).as(s).isInstanceOf(DateTimeParseException.class);
        }
    }

    /** Random edits of valid times: GoTime accepts exactly what the ISO parser accepts, with the same result. */
    @Test
    void agreesWithTheIsoParserOnMangledInput() {
        Random r = new Random(2);
        String alphabet = "0123456789:+-.TZtz ,";
        for (OffsetDateTime t : times(r, 50_000)) {
            StringBuilder s = new StringBuilder(ISO.format(t));
            for (int edits = r.nextInt(3); edits > 0 && !s.isEmpty(); edits--) {
                int at = r.nextInt(s.length());
                switch (r.nextInt(3)) {
                    case 0 -> s.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    case 1 -> s.deleteCharAt(at);
                    default -> s.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                }
            }
            String text = s.toString();
            OffsetDateTime expected;
            try {
                expected = OffsetDateTime.parse(text, ISO);
            } catch (DateTimeException e) {
                assertThatThrownBy(() -> GoTime.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(GoTime.parse(text)).as(text).isEqualTo(expected);
        }
    }
}
