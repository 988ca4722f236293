package io.cairn.repository.lock;

import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.Json;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.UnpackedFiles;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.crypto.CryptoKey;
import io.cairn.repository.key.KeyRing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Repository locks in restic's format (design.rst, "Locks"): sealed JSON files under {@code locks/}. Any number
 * of shared locks may coexist; an exclusive lock excludes every other lock. Taking a lock follows restic 0.14:
 * check for conflicting locks, write ours, wait a moment, check again (a writer that raced us sees our file),
 * and back out on conflict. The second check runs in the background (see {@link Lock#awaitConfirmed()}).
 * Stale locks (see {@link LockInfo#isStale}) never conflict.
 */
public final class Locks {
    /** restic refreshes held locks every 5 minutes. */
    public static final Duration REFRESH_INTERVAL = Duration.ofMinutes(5);
    /** restic's waitBeforeLockCheck. */
    static final Duration RECHECK_DELAY = Duration.ofMillis(200);

    private final Backend backend;
    private final CryptoKey key;
    private final boolean compress;
    private final Clock clock;
    private final String hostname;
    private final String username;
    private Duration refreshInterval = REFRESH_INTERVAL;
    private Duration recheckDelay = RECHECK_DELAY;

    public Locks(Backend backend, CryptoKey key, boolean compress) {
        this(backend, key, compress, Clock.systemDefaultZone(), KeyRing.defaultHostname(), KeyRing.defaultUsername());
    }

    public Locks(Backend backend, CryptoKey key, boolean compress, Clock clock, String hostname, String username) {
        this.backend = backend;
        this.key = key;
        this.compress = compress;
        this.clock = clock;
        this.hostname = hostname;
        this.username = username;
    }

    /** For tests: how often held locks are refreshed and how long to wait before the second check. */
    public Locks timing(Duration refresh, Duration recheck) {
        this.refreshInterval = refresh;
        this.recheckDelay = recheck;
        return this;
    }

    /** A shared lock (backup, restore, check): fails only while someone holds an exclusive lock. */
    public Lock lockShared() throws IOException {
        return lock(false);
    }

    /** An exclusive lock (prune, key removal): fails while anyone else holds any lock. */
    public Lock lockExclusive() throws IOException {
        return lock(true);
    }

    private Lock lock(boolean exclusive) throws IOException {
        checkForOtherLocks(exclusive, null);
        Id id = write(exclusive);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-lock-refresh");
            t.setDaemon(true);
            return t;
        });
        return new Lock(this, exclusive, id, timer, refreshInterval.toMillis(), recheckDelay.toMillis());
    }

    void checkForOtherLocks(boolean exclusive, Id own) throws IOException {
        for (LockInfo other : list()) {
            if (other.id().equals(own) || other.isStale(clock.instant(), hostname)) {
                continue;
            }
            if (exclusive || other.exclusive()) {
                throw new LockedException("repository " + backend.location() + " is locked: " + other.describe()
                        + (other.exclusive() ? "" : "; an exclusive lock needs every other lock released")
                        + "; if that process is gone, run `cairn repo unlock`", other);
            }
        }
    }

    /** Writes a new lock file with the current time and returns its ID. */
    Id write(boolean exclusive) throws IOException {
        LockInfo info = new LockInfo(OffsetDateTime.now(clock), exclusive, hostname, username,
                ProcessHandle.current().pid(), unixId("uid"), unixId("gid"), null);
        return UnpackedFiles.save(backend, key, FileType.LOCK, Json.MAPPER.writeValueAsBytes(info), compress);
    }

    void remove(Id id) throws IOException {
        backend.remove(Handle.of(FileType.LOCK, id));
    }

    /** Every readable lock in the repository, with its ID. Files that vanish or cannot be read are skipped. */
    public List<LockInfo> list() throws IOException {
        List<LockInfo> out = new ArrayList<>();
        for (FileInfo f : backend.list(FileType.LOCK)) {
            LockInfo info = load(f.name());
            if (info != null) {
                out.add(info);
            }
        }
        return out;
    }

    private LockInfo load(String name) throws IOException {
        Id id;
        try {
            id = Id.parse(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            byte[] json = UnpackedFiles.load(backend, key, Handle.of(FileType.LOCK, id));
            return Json.MAPPER.readValue(json, LockInfo.class).withId(id);
        } catch (NotFoundException e) {
            return null; // released while we listed
        } catch (CorruptDataException | com.fasterxml.jackson.core.JacksonException e) {
            return new LockInfo(null, false, "?", "?", 0, 0, 0, id); // unreadable: counts as stale
        }
    }

    /** Removes stale locks (restic unlock); returns how many. */
    public int removeStale() throws IOException {
        int n = 0;
        for (LockInfo l : list()) {
            if (l.isStale(clock.instant(), hostname)) {
                remove(l.id());
                n++;
            }
        }
        return n;
    }

    /** Removes every lock (restic unlock --remove-all); returns how many. */
    public int removeAll() throws IOException {
        int n = 0;
        for (FileInfo f : backend.list(FileType.LOCK)) {
            backend.remove(new Handle(FileType.LOCK, f.name()));
            n++;
        }
        return n;
    }

    private static long unixId(String attr) {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:" + attr)).longValue();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
