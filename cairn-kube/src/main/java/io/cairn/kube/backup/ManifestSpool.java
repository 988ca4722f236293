package io.cairn.kube.backup;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.cairn.repository.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The manifest items of one backup run, kept off the heap: items are buffered up to {@value #RUN_SIZE}, then
 * sorted by path and written to a temporary file as one sorted run (JSON lines). {@link #forEachSorted} merges
 * the runs, so backup.json can list every item in path order while the heap holds one buffer and one item per
 * run. Counts per resource type are kept as they come. Thread-safe; {@link #close()} deletes the files.
 */
final class ManifestSpool implements Closeable {
    static final int RUN_SIZE = 4096;
    private static final Comparator<ManifestItem> BY_PATH = Comparator.comparing(ManifestItem::path);
    private static final ObjectWriter WRITER = Json.MAPPER.writerFor(ManifestItem.class);
    private static final ObjectReader READER = Json.MAPPER.readerFor(ManifestItem.class);

    private final int runSize;
    private final List<ManifestItem> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private int size;

    ManifestSpool() {
        this(RUN_SIZE);
    }

    ManifestSpool(int runSize) {
        this.runSize = runSize;
    }

    synchronized void add(ManifestItem item) throws IOException {
        buffer.add(item);
        size++;
        counts.merge(item.qualifiedResource(), 1L, Long::sum);
        if (buffer.size() >= runSize) {
            spill();
        }
    }

    synchronized int size() {
        return size;
    }

    synchronized Map<String, Long> counts() {
        return new TreeMap<>(counts);
    }

    /** Every item in path order. */
    synchronized void forEachSorted(Consumer<ManifestItem> action) throws IOException {
        buffer.sort(BY_PATH);
        List<BufferedReader> readers = new ArrayList<>();
        try {
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(h -> h.item.path()));
            for (Path run : runs) {
                BufferedReader r = Files.newBufferedReader(run, StandardCharsets.UTF_8);
                readers.add(r);
                Head h = new Head(lines(r));
                if (h.advance()) {
                    heads.add(h);
                }
            }
            Head memory = new Head(buffer.iterator());
            if (memory.advance()) {
                heads.add(memory);
            }
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                action.accept(h.item);
                if (h.advance()) {
                    heads.add(h);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (BufferedReader r : readers) {
                r.close();
            }
        }
    }

    /** The items that match, in path order (e.g. the claims and pods for the snapshot step). */
    List<ManifestItem> select(Predicate<ManifestItem> filter) throws IOException {
        List<ManifestItem> list = new ArrayList<>();
        forEachSorted(i -> {
            if (filter.test(i)) {
                list.add(i);
            }
        });
        return list;
    }

    @Override
    public synchronized void close() throws IOException {
        buffer.clear();
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
        runs.clear();
    }

    private void spill() throws IOException {
        buffer.sort(BY_PATH);
        Path run = Files.createTempFile("cairn-manifest-", ".jsonl");
        runs.add(run);
        try (BufferedWriter w = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
            for (ManifestItem i : buffer) {
                w.write(WRITER.writeValueAsString(i));
                w.write('\n');
            }
        }
        buffer.clear();
    }

    private static Iterator<ManifestItem> lines(BufferedReader r) {
        return new Iterator<>() {
            private String next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = r.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public ManifestItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String line = next;
                next = null;
                try {
                    return READER.readValue(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static final class Head {
        private final Iterator<ManifestItem> source;
        ManifestItem item;

        Head(Iterator<ManifestItem> source) {
            this.source = source;
        }

        boolean advance() {
            if (!source.hasNext()) {
                return false;
            }
            item = source.next();
            return true;
        }
    }
}
