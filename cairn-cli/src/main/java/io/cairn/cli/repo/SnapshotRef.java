package io.cairn.cli.repo;

import io.cairn.cli.CliException;

/** {@code SNAPSHOT[:SUBPATH]} as restore takes it: a snapshot reference and an optional path inside it. */
record SnapshotRef(String snapshot, String subpath) {
    static SnapshotRef parse(String text) {
        int colon = text.indexOf(':');
        String snapshot = colon < 0 ? text : text.substring(0, colon);
        String sub = colon < 0 ? "" : text.substring(colon + 1);
        if (snapshot.isEmpty()) {
            throw CliException.usage("missing snapshot in '" + text + "'; give an ID, a prefix or 'latest'");
        }
        return new SnapshotRef(snapshot, sub);
    }
}
