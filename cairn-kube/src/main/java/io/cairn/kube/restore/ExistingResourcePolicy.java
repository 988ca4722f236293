package io.cairn.kube.restore;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What to do when an object to restore already exists in the cluster. */
public enum ExistingResourcePolicy {
    /** Leave the existing object alone; the result is "skipped: already exists". */
    NONE,
    /** Merge-patch the existing object with the backed-up one; the result is "updated". */
    UPDATE;

    @JsonValue
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code none} or {@code update}; {@link IllegalArgumentException} otherwise. */
    @JsonCreator
    public static ExistingResourcePolicy parse(String value) {
        for (ExistingResourcePolicy p : values()) {
            if (p.flagValue().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("invalid existing-resource policy \"" + value + "\": expected none or update");
    }
}
