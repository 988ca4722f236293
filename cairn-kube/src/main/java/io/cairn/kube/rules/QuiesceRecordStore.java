package io.cairn.kube.rules;

import java.io.IOException;
import java.util.Optional;

/** Where quiesce records live: a ConfigMap in the cluster ({@link ConfigMapQuiesceRecordStore}), memory in tests. */
public interface QuiesceRecordStore {
    /** Creates or replaces the record of {@code record.backup()}; durable when it returns. */
    void write(QuiesceRecord record) throws IOException;

    /** The record of a backup, or empty when there is none (nothing left quiesced). */
    Optional<QuiesceRecord> read(String backup) throws IOException;

    /** Removes the record; no error when there is none. */
    void delete(String backup) throws IOException;
}
