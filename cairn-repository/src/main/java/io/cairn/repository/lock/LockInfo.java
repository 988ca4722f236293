package io.cairn.repository.lock;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cairn.repository.Id;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A lock file's content, as restic writes it ({@code internal/restic/lock.go}): when it was created or last
 * refreshed, whether it is exclusive, and who holds it. The ID (hash of the stored file) is not part of the JSON.
 */
public record LockInfo(
        @JsonProperty("time") OffsetDateTime time,
        @JsonProperty("exclusive") boolean exclusive,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("username") String username,
        @JsonProperty("pid") long pid,
        @JsonProperty("uid") long uid,
        @JsonProperty("gid") long gid,
        @JsonIgnore Id id) {

    /** restic's staleTimeout: a lock not refreshed for this long is stale. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(30);

    public LockInfo withId(Id newId) {
        return new LockInfo(time, exclusive, hostname, username, pid, uid, gid, newId);
    }

    /**
     * Stale when older than {@link #STALE_AFTER}, or when it was taken on this host by a process that no longer
     * runs (restic's {@code Stale()}).
     */
    public boolean isStale(Instant now, String thisHost) {
        if (time == null || time.toInstant().plus(STALE_AFTER).isBefore(now)) {
            return true;
        }
        if (thisHost != null && thisHost.equals(hostname) && pid > 0) {
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }
        return false;
    }

    /** "exclusive lock 1a2b3c4d held by alice@node-1 (PID 4242) since 2024-…". */
    public String describe() {
        return (exclusive ? "an exclusive" : "a shared") + " lock" + (id == null ? "" : " " + id.shortString())
                + " held by " + username + "@" + hostname + " (PID " + pid + ") since " + time;
    }
}
