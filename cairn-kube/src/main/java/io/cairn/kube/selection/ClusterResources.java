package io.cairn.kube.selection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** --include-cluster-resources: AUTO takes only cluster-scoped objects the selection references. */
public enum ClusterResources {
    AUTO, TRUE, FALSE;

    @JsonCreator
    public static ClusterResources parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "true" -> TRUE;
            case "false" -> FALSE;
            default -> throw new InvalidRequestException(
                    "bad value '" + value + "' for include-cluster-resources (expected auto, true or false)");
        };
    }

    @JsonValue
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
