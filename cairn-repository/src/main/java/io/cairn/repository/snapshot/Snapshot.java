package io.cairn.repository.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cairn.repository.Id;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A snapshot file's content, as restic writes it ({@code internal/restic/snapshot.go}). The ID is the hash
 * of the stored file and is not part of the JSON; {@link #withId} attaches it after loading or saving.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Snapshot(
        @JsonProperty("time") @JsonInclude(JsonInclude.Include.ALWAYS) OffsetDateTime time,
        @JsonProperty("parent") Id parent,
        @JsonProperty("tree") @JsonInclude(JsonInclude.Include.ALWAYS) Id tree,
        @JsonProperty("paths") @JsonInclude(JsonInclude.Include.ALWAYS) List<String> paths,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("username") String username,
        @JsonProperty("uid") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long uid,
        @JsonProperty("gid") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long gid,
        @JsonProperty("excludes") List<String> excludes,
        @JsonProperty("tags") List<String> tags,
        @JsonProperty("original") Id original,
        @JsonIgnore Id id) {

    public Snapshot withId(Id newId) {
        return new Snapshot(time, parent, tree, paths, hostname, username, uid, gid, excludes, tags, original, newId);
    }

    public boolean hasTag(String tag) {
        return tags != null && tags.contains(tag);
    }
}
