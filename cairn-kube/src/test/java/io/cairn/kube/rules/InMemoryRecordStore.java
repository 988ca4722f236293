package io.cairn.kube.rules;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Quiesce records in memory; logs every write (pods recorded) and delete; can be told to fail writes. */
final class InMemoryRecordStore implements QuiesceRecordStore {
    final Map<String, QuiesceRecord> records = new ConcurrentHashMap<>();
    final List<String> history = new CopyOnWriteArrayList<>();
    volatile boolean failWrites;
    private final ScriptedExecutor log;

    InMemoryRecordStore(ScriptedExecutor log) {
        this.log = log;
    }

    @Override
    public void write(QuiesceRecord record) throws IOException {
        if (failWrites) {
            throw new IOException("forbidden: configmaps is forbidden");
        }
        records.put(record.backup(), record);
        String what = "record " + record.pods().stream().map(QuiesceRecord.RecordedPod::pod).toList();
        history.add(what);
        log.log(what);
    }

    @Override
    public Optional<QuiesceRecord> read(String backup) {
        return Optional.ofNullable(records.get(backup));
    }

    @Override
    public void delete(String backup) {
        records.remove(backup);
        history.add("delete");
        log.log("delete record");
    }
}
