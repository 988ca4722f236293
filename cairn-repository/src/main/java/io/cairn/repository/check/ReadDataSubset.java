package io.cairn.repository.check;

import io.cairn.repository.Id;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which packs {@code check --read-data-subset} reads, as restic takes it: {@code n/t} reads the n-th of t
 * groups (by the pack ID's first byte, so running 1/t … t/t covers every pack once), {@code x%} a random
 * x percent of the packs.
 */
public interface ReadDataSubset {
    ReadDataSubset ALL = id -> true;
    ReadDataSubset NONE = id -> false;

    boolean selects(Id packId);

    /** The n-th of t groups. */
    record Group(int n, int t) implements ReadDataSubset {
        public Group {
            if (t < 1 || n < 1 || n > t) {
                throw new IllegalArgumentException("read-data-subset n/t needs 1 <= n <= t, got " + n + "/" + t);
            }
        }

        @Override
        public boolean selects(Id packId) {
            return (packId.bytes()[0] & 0xff) % t == n - 1;
        }
    }

    /** A random share of the packs. */
    record Percent(double percent) implements ReadDataSubset {
        public Percent {
            if (!(percent > 0 && percent <= 100)) {
                throw new IllegalArgumentException("read-data-subset percentage must be in (0, 100], got " + percent);
            }
        }

        @Override
        public boolean selects(Id packId) {
            return ThreadLocalRandom.current().nextDouble() * 100 < percent;
        }
    }

    /** Parses {@code n/t} or {@code x%}. */
    static ReadDataSubset parse(String s) {
        try {
            if (s.endsWith("%")) {
                return new Percent(Double.parseDouble(s.substring(0, s.length() - 1)));
            }
            int slash = s.indexOf('/');
            if (slash > 0) {
                return new Group(Integer.parseInt(s.substring(0, slash)), Integer.parseInt(s.substring(slash + 1)));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("invalid read-data-subset '" + s + "': use n/t (e.g. 2/5) or a percentage (e.g. 10%)");
    }
}
