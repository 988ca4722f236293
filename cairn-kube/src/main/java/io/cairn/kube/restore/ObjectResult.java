package io.cairn.kube.restore;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result for one object of the backup.
 *
 * @param namespace target namespace (after mapping), null for cluster-scoped objects
 * @param group     "" for core
 * @param name      target name (after mapping, for Namespaces and StorageClasses)
 * @param reason    why it was skipped or failed, or a note; null otherwise
 * @param httpCode  the API server's status code of a failure, null when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectResult(String namespace, String group, String resource, String kind, String name,
                           Outcome outcome, String reason, Integer httpCode) {

    /** One line for a report: outcome, object and reason, e.g. {@code skipped  services/shop/web: already exists}. */
    public String summary() {
        return String.format("%-12s %s%s", outcome.jsonName(), describe(), reason == null ? "" : ": " + reason);
    }

    /** {@code resource[.group]/[namespace/]name}, for messages. */
    public String describe() {
        return new ResourceType(group, resource) + "/" + (namespace == null ? "" : namespace + "/") + name;
    }
}
