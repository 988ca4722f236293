package io.cairn.repository.prune;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.Id;
import io.cairn.repository.prune.Forget.GroupBy;
import io.cairn.repository.snapshot.Snapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForgetTest {
    private static final OffsetDateTime T0 = OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC);

    private static Snapshot snap(OffsetDateTime t, String host, List<String> tags) {
        Id id = Id.hash((t + host).getBytes(StandardCharsets.UTF_8));
        return new Snapshot(t, null, id, List.of("/data"), host, "u", 0, 0, null, tags, null, id);
    }

    /** One snapshot every 6 hours for 20 days, on host h. */
    private static List<Snapshot> series() {
        List<Snapshot> out = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            out.add(snap(T0.plusHours(6L * i), "h", null));
        }
        return out;
    }

    private static List<OffsetDateTime> kept(ForgetPolicy p, List<Snapshot> snaps) {
        List<Forget.Group> groups = Forget.apply(snaps, p, Set.of(GroupBy.HOST, GroupBy.PATHS), ZoneOffset.UTC);
        return groups.stream().flatMap(g -> g.keep().stream()).map(Snapshot::time).toList();
    }

    @Test
    void keepLastKeepsTheNewest() {
        assertThat(kept(ForgetPolicy.none().withLast(3), series()))
                .containsExactly(T0.plusHours(6 * 79), T0.plusHours(6 * 78), T0.plusHours(6 * 77));
    }

    @Test
    void keepDailyKeepsTheNewestOfEachOfTheLastDaysWithSnapshots() {
        List<OffsetDateTime> k = kept(ForgetPolicy.none().withDaily(3), series());
        // The newest snapshot (Jan 21 04:00), then the last one of Jan 20 and of Jan 19 (22:00 each).
        assertThat(k).containsExactly(T0.plusHours(6 * 79), T0.plusHours(6 * 78), T0.plusHours(6 * 74));
    }

    @Test
    void weeklyMonthlyAndLastCombine() {
        List<OffsetDateTime> k = kept(ForgetPolicy.none().withLast(1).withWeekly(2).withMonthly(1), series());
        // Newest (last, weekly of ISO week 3, monthly of Jan) and the newest of ISO week 2 (Sun Jan 14 22:00).
        assertThat(k).containsExactly(T0.plusHours(6 * 79), OffsetDateTime.of(2024, 1, 14, 22, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void withinIsRelativeToTheNewestSnapshotAndTagsAlwaysKeep() {
        List<Snapshot> s = new ArrayList<>(series());
        s.add(snap(T0.minusDays(100), "h", List.of("keep", "x")));
        ForgetPolicy p = ForgetPolicy.none().withWithin(ForgetPolicy.parseWithin("1d"))
                .withKeepTags(List.of(List.of("keep")));
        List<OffsetDateTime> k = kept(p, s);
        assertThat(k).hasSize(5).contains(T0.minusDays(100));
        assertThat(ForgetPolicy.parseWithin("1y2m3d4h")).isEqualTo(Duration.ofDays(365 + 60 + 3).plusHours(4));
    }

    @Test
    void groupsByHostAndPathsByDefaultAndAnEmptyPolicyKeepsAll() {
        List<Snapshot> s = List.of(snap(T0, "a", null), snap(T0.plusHours(1), "a", null), snap(T0, "b", null));
        List<Forget.Group> groups = Forget.apply(s, ForgetPolicy.none().withLast(1), Set.of(GroupBy.HOST, GroupBy.PATHS),
                ZoneOffset.UTC);
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).keep()).extracting(Snapshot::time).containsExactly(T0.plusHours(1));
        assertThat(groups.get(0).remove()).extracting(Snapshot::time).containsExactly(T0);
        assertThat(groups.get(1).keep()).hasSize(1);
        assertThat(Forget.apply(s, ForgetPolicy.none(), Set.of(), ZoneOffset.UTC).get(0).keep()).hasSize(3);
    }
}
