package io.cairn.repository.key;

import io.cairn.repository.Id;
import java.time.OffsetDateTime;

/** One key file as {@code key list} shows it; {@code current} marks the key the repository was opened with. */
public record KeyInfo(Id id, String username, String hostname, OffsetDateTime created, boolean current) {
}
