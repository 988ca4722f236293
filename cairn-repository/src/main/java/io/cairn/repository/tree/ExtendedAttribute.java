package io.cairn.repository.tree;

/** One extended attribute; the value is base64 in JSON, as Go encodes []byte. */
public record ExtendedAttribute(String name, byte[] value) {
}
