package io.cairn.kube.restore.testing;

import io.cairn.kube.archive.BackupLayout;
import io.cairn.kube.archive.ObjectArchiveWriter;
import io.cairn.repository.BlobStore;
import io.cairn.repository.Id;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: a backup snapshot tree in the {@link BackupLayout} with objects given as JSON text, written by
 * the backup side's {@link ObjectArchiveWriter}. Restore tests use it for objects the mock API server cannot
 * produce (server-set fields, token secrets, endpoints, events…); no backup engine runs.
 */
public final class BackupTreeBuilder {
    private static final OffsetDateTime MTIME = OffsetDateTime.parse("2026-11-01T10:00:00Z");

    /** path → content; a later file at the same path replaces the earlier one. */
    private final Map<List<String>, byte[]> files = new LinkedHashMap<>();

    public BackupTreeBuilder manifest(String json) {
        files.put(List.of(BackupLayout.MANIFEST), json.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Stores an object; {@code namespace} null for cluster-scoped, {@code group} "" for core. */
    public BackupTreeBuilder object(String namespace, String group, String resource, String name, String json) {
        files.put(BackupLayout.resourcePath(namespace, group, resource, name), json.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Saves all blobs, flushes the store so they can be read back, and returns the root tree's ID. */
    public Id write(BlobStore store) throws IOException {
        ObjectArchiveWriter writer = new ObjectArchiveWriter(store, MTIME);
        for (Map.Entry<List<String>, byte[]> f : files.entrySet()) {
            writer.add(f.getKey(), f.getValue());
        }
        Id root = writer.finish();
        store.flush();
        return root;
    }
}
