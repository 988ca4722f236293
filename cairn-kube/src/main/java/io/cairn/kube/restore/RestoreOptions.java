package io.cairn.kube.restore;

import java.time.Clock;
import java.time.Duration;

/**
 * Tunables of the restore engine that are not part of what the user asks for.
 *
 * @param crdEstablishedTimeout how long to wait for restored CRDs to become established
 * @param crdPollInterval       how often to look while waiting
 * @param clock                 source of the report's start and end times
 */
public record RestoreOptions(Duration crdEstablishedTimeout, Duration crdPollInterval, Clock clock) {
    public static final RestoreOptions DEFAULTS = new RestoreOptions(Duration.ofMinutes(1), Duration.ofMillis(500), Clock.systemUTC());

    public RestoreOptions withCrdEstablishedTimeout(Duration timeout, Duration pollInterval) {
        return new RestoreOptions(timeout, pollInterval, clock);
    }
}
