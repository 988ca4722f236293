package io.cairn.repository.backend;

/** One entry of a backend listing. */
public record FileInfo(String name, long size) {
}
