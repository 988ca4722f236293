package io.cairn.repository.prune;

import java.time.Duration;
import java.util.List;

/**
 * restic's expire policy ({@code internal/restic/snapshot_policy.go}): keep the newest {@code last} snapshots,
 * the newest one in each of the last {@code hourly} hours, {@code daily} days, … (counting only periods that
 * have a snapshot), every snapshot within {@code within} of the newest one, and every snapshot carrying one of
 * the {@code keepTags} sets. A value of 0 switches a rule off; -1 means unlimited. A policy with no rule keeps
 * everything.
 *
 * @param keepTags each element is a set of tags a snapshot must all carry (restic's comma-separated list)
 */
public record ForgetPolicy(int last, int hourly, int daily, int weekly, int monthly, int yearly, Duration within,
                           List<List<String>> keepTags) {
    public ForgetPolicy {
        within = within == null ? Duration.ZERO : within;
        keepTags = keepTags == null ? List.of() : List.copyOf(keepTags);
    }

    public static ForgetPolicy none() {
        return new ForgetPolicy(0, 0, 0, 0, 0, 0, Duration.ZERO, List.of());
    }

    public boolean isEmpty() {
        return last == 0 && hourly == 0 && daily == 0 && weekly == 0 && monthly == 0 && yearly == 0
                && within.isZero() && keepTags.isEmpty();
    }

    public ForgetPolicy withLast(int n) {
        return new ForgetPolicy(n, hourly, daily, weekly, monthly, yearly, within, keepTags);
    }

    public ForgetPolicy withHourly(int n) {
        return new ForgetPolicy(last, n, daily, weekly, monthly, yearly, within, keepTags);
    }

    public ForgetPolicy withDaily(int n) {
        return new ForgetPolicy(last, hourly, n, weekly, monthly, yearly, within, keepTags);
    }

    public ForgetPolicy withWeekly(int n) {
        return new ForgetPolicy(last, hourly, daily, n, monthly, yearly, within, keepTags);
    }

    public ForgetPolicy withMonthly(int n) {
        return new ForgetPolicy(last, hourly, daily, weekly, n, yearly, within, keepTags);
    }

    public ForgetPolicy withYearly(int n) {
        return new ForgetPolicy(last, hourly, daily, weekly, monthly, n, within, keepTags);
    }

    public ForgetPolicy withWithin(Duration d) {
        return new ForgetPolicy(last, hourly, daily, weekly, monthly, yearly, d, keepTags);
    }

    public ForgetPolicy withKeepTags(List<List<String>> tags) {
        return new ForgetPolicy(last, hourly, daily, weekly, monthly, yearly, within, tags);
    }

    /**
     * Parses restic's duration for {@code --keep-within}: numbers followed by y, m, d or h, e.g. {@code 1y2m3d4h}
     * (a month is 30 days, a year 365, like restic's approximation).
     */
    public static Duration parseWithin(String s) {
        if (s == null || !s.matches("(\\d+[ymdh])+")) {
            throw new IllegalArgumentException("invalid duration '" + s + "': use e.g. 7d, 2m, 1y5d, 12h");
        }
        Duration d = Duration.ZERO;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([ymdh])").matcher(s);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "y" -> Duration.ofDays(365 * n);
                case "m" -> Duration.ofDays(30 * n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofHours(n);
            });
        }
        return d;
    }
}
