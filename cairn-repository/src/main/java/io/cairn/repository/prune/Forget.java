package io.cairn.repository.prune;

import io.cairn.repository.snapshot.Snapshot;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/** Applies a {@link ForgetPolicy} to snapshots, per group, exactly as restic's {@code ApplyPolicy} does. */
public final class Forget {
    /** What grouping puts together: restic's {@code --group-by} fields. */
    public enum GroupBy {
        HOST, PATHS, TAGS
    }

    /** One decision: the snapshot and why it is kept (empty when it is removed). */
    public record Decision(Snapshot snapshot, List<String> reasons) {
        public boolean keep() {
            return !reasons.isEmpty();
        }
    }

    /** The decisions for one group, newest snapshot first. */
    public record Group(String key, List<Decision> decisions) {
        public List<Snapshot> keep() {
            return decisions.stream().filter(Decision::keep).map(Decision::snapshot).toList();
        }

        public List<Snapshot> remove() {
            return decisions.stream().filter(d -> !d.keep()).map(Decision::snapshot).toList();
        }
    }

    private Forget() {
    }

    /** Groups the snapshots (restic's default is host and paths) and applies the policy to each group. */
    public static List<Group> apply(List<Snapshot> snapshots, ForgetPolicy policy, Set<GroupBy> groupBy, ZoneId zone) {
        Map<String, List<Snapshot>> groups = new LinkedHashMap<>();
        for (Snapshot s : snapshots) {
            groups.computeIfAbsent(groupKey(s, groupBy), k -> new ArrayList<>()).add(s);
        }
        List<Group> out = new ArrayList<>();
        for (Map.Entry<String, List<Snapshot>> e : groups.entrySet()) {
            out.add(new Group(e.getKey(), applyToGroup(e.getValue(), policy, zone)));
        }
        return out;
    }

    static String groupKey(Snapshot s, Set<GroupBy> groupBy) {
        List<String> parts = new ArrayList<>();
        if (groupBy.contains(GroupBy.HOST)) {
            parts.add("host [" + (s.hostname() == null ? "" : s.hostname()) + "]");
        }
        if (groupBy.contains(GroupBy.PATHS)) {
            parts.add("paths " + new TreeSet<>(s.paths() == null ? List.of() : s.paths()));
        }
        if (groupBy.contains(GroupBy.TAGS)) {
            parts.add("tags " + new TreeSet<>(s.tags() == null ? List.of() : s.tags()));
        }
        return String.join(", ", parts);
    }

    private static final class Bucket {
        final String reason;
        int count;
        final ToLongFunction<ZonedDateTime> fn;
        long last = Long.MIN_VALUE;

        Bucket(String reason, int count, ToLongFunction<ZonedDateTime> fn) {
            this.reason = reason;
            this.count = count;
            this.fn = fn;
        }
    }

    /** restic's ApplyPolicy on one group. */
    public static List<Decision> applyToGroup(List<Snapshot> group, ForgetPolicy p, ZoneId zone) {
        List<Snapshot> sorted = new ArrayList<>(group);
        sorted.sort(Comparator.comparing(Snapshot::time).reversed());
        List<Decision> out = new ArrayList<>();
        if (p.isEmpty()) {
            for (Snapshot s : sorted) {
                out.add(new Decision(s, List.of("policy is empty")));
            }
            return out;
        }
        long[] counter = {0};
        List<Bucket> buckets = List.of(
                new Bucket("last snapshot", p.last(), t -> counter[0]),
                new Bucket("hourly snapshot", p.hourly(),
                        t -> t.getYear() * 1_000_000L + t.getMonthValue() * 10_000L + t.getDayOfMonth() * 100L + t.getHour()),
                new Bucket("daily snapshot", p.daily(),
                        t -> t.getYear() * 10_000L + t.getMonthValue() * 100L + t.getDayOfMonth()),
                new Bucket("weekly snapshot", p.weekly(),
                        t -> t.get(IsoFields.WEEK_BASED_YEAR) * 100L + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                new Bucket("monthly snapshot", p.monthly(), t -> t.getYear() * 100L + t.getMonthValue()),
                new Bucket("yearly snapshot", p.yearly(), t -> t.getYear()));
        OffsetDateTime newest = sorted.isEmpty() ? null : sorted.get(0).time();
        for (Snapshot s : sorted) {
            List<String> reasons = new ArrayList<>();
            for (List<String> tags : p.keepTags()) {
                if (!tags.isEmpty() && s.tags() != null && s.tags().containsAll(tags)) {
                    reasons.add("has tags " + tags);
                }
            }
            if (!p.within().isZero() && s.time().isAfter(newest.minus(p.within()))) {
                reasons.add("within " + p.within());
            }
            ZonedDateTime t = s.time().atZoneSameInstant(zone);
            for (Bucket b : buckets) {
                if (b.count == 0) {
                    continue;
                }
                long v = b.fn.applyAsLong(t);
                if (v != b.last) {
                    reasons.add(b.reason);
                    b.last = v;
                    if (b.count > 0) {
                        b.count--;
                    }
                }
            }
            counter[0]++;
            out.add(new Decision(s, List.copyOf(reasons)));
        }
        return out;
    }
}
