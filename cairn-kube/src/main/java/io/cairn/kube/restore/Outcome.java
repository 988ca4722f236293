package io.cairn.kube.restore;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happened to one object; the WOULD_ values are a dry run's answers. */
public enum Outcome {
    CREATED, UPDATED, SKIPPED, FAILED, WOULD_CREATE, WOULD_UPDATE;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Outcome fromJson(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
