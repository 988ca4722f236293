package io.cairn.kube.rules;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Collects a command's output up to a cap (the rest is counted, not kept) and hands each complete line to a
 * watcher, so a background session's ready marker is seen even past the cap. Thread-safe.
 */
public final class CappedOutput extends OutputStream {
    /** Output kept per stream of each action in the report. */
    public static final int DEFAULT_CAP = 4096;
    private static final int MAX_LINE = 64 * 1024;

    private final int cap;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long dropped;

    public CappedOutput(int cap, Consumer<String> lines) {
        this.cap = cap;
        this.lines = lines;
    }

    public CappedOutput() {
        this(DEFAULT_CAP, null);
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int keep = Math.min(len, cap - kept.size());
        if (keep > 0) {
            kept.write(b, off, keep);
        }
        dropped += len - Math.max(keep, 0);
        if (lines != null) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    emitLine();
                } else if (line.size() < MAX_LINE) {
                    line.write(b[i]);
                }
            }
        }
    }

    private void emitLine() {
        String s = line.toString(StandardCharsets.UTF_8);
        line.reset();
        lines.accept(s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
    }

    @Override
    public synchronized void close() {
        if (lines != null && line.size() > 0) {
            emitLine();
        }
    }

    /** What was kept, with a note of how many bytes were dropped past the cap. */
    public synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        return dropped == 0 ? s : s + "\n[… " + dropped + " more bytes not kept]";
    }
}
