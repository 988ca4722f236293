package io.cairn.repository.tree;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cairn.repository.Id;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One entry of a tree, field for field what restic records ({@code internal/restic/node.go}). {@code mode}
 * is a Go {@code os.FileMode} (permission bits plus type bits such as {@link GoFileMode#DIR}); {@code content}
 * lists the data blobs of a file in order; {@code subtree} is the tree blob of a directory. Trees are read
 * and written by {@link TreeJson}; the annotations describe the same JSON (its test holds the two together).
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Node(
        @JsonProperty("name") @JsonInclude(JsonInclude.Include.ALWAYS) String name,
        @JsonProperty("type") NodeType type,
        @JsonProperty("mode") long mode,
        @JsonProperty("mtime") OffsetDateTime mtime,
        @JsonProperty("atime") OffsetDateTime atime,
        @JsonProperty("ctime") OffsetDateTime ctime,
        @JsonProperty("uid") @JsonInclude(JsonInclude.Include.ALWAYS) long uid,
        @JsonProperty("gid") @JsonInclude(JsonInclude.Include.ALWAYS) long gid,
        @JsonProperty("user") String user,
        @JsonProperty("group") String group,
        @JsonProperty("inode") long inode,
        @JsonProperty("device_id") long deviceId,
        @JsonProperty("size") long size,
        @JsonProperty("links") long links,
        @JsonProperty("linktarget") String linkTarget,
        @JsonProperty("extended_attributes") List<ExtendedAttribute> extendedAttributes,
        @JsonProperty("device") long device,
        @JsonProperty("content") @JsonInclude(JsonInclude.Include.ALWAYS) List<Id> content,
        @JsonProperty("subtree") Id subtree,
        @JsonProperty("error") String error) {

    public boolean isDirectory() {
        return type == NodeType.DIR;
    }

    /** The same node with its data blobs set (files). */
    public Node withContent(List<Id> newContent) {
        return new Node(name, type, mode, mtime, atime, ctime, uid, gid, user, group, inode, deviceId, size, links,
                linkTarget, extendedAttributes, device, newContent, subtree, error);
    }

    /** The same node with its subtree set (directories). */
    public Node withSubtree(Id newSubtree) {
        return new Node(name, type, mode, mtime, atime, ctime, uid, gid, user, group, inode, deviceId, size, links,
                linkTarget, extendedAttributes, device, content, newSubtree, error);
    }

    /** The same node under another name (the top-level entries of a snapshot). */
    public Node withName(String newName) {
        return new Node(newName, type, mode, mtime, atime, ctime, uid, gid, user, group, inode, deviceId, size, links,
                linkTarget, extendedAttributes, device, content, subtree, error);
    }
}
