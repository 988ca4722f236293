package io.cairn.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.repository.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Renders progress of a long operation: a one-line bar rewritten in place on a terminal (stderr), JSON
 * lines on stdout with {@code --json}, nothing otherwise. Updates are throttled so rendering never slows
 * the work down. Thread-safe.
 */
public final class ProgressPrinter {
    private static final long INTERVAL_NANOS = Duration.ofMillis(250).toNanos();
    private static final long JSON_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    public enum Mode { BAR, JSON, QUIET }

    private final Mode mode;
    private final String action;
    private final PrintWriter out;
    private final long start = System.nanoTime();
    private long lastRender;
    private boolean barShown;

    /** @param stdout the command's output, where JSON lines go; the bar goes to stderr */
    public ProgressPrinter(Mode mode, String action, PrintWriter stdout) {
        this.mode = mode;
        this.action = action;
        this.out = mode == Mode.JSON ? stdout : new PrintWriter(System.err, true);
    }

    /** BAR on a terminal, JSON when asked, QUIET when output is redirected. */
    public static ProgressPrinter forCommand(boolean json, String action, PrintWriter stdout) {
        Mode mode = json ? Mode.JSON : System.console() != null ? Mode.BAR : Mode.QUIET;
        return new ProgressPrinter(mode, action, stdout);
    }

    public Mode mode() {
        return mode;
    }

    /** Reports progress; {@code totalBytes} &lt; 0 while unknown. */
    public synchronized void update(long filesDone, long filesTotal, long bytesDone, long totalBytes, String current) {
        long now = System.nanoTime();
        long interval = mode == Mode.JSON ? JSON_INTERVAL_NANOS : INTERVAL_NANOS;
        if (mode == Mode.QUIET || now - lastRender < interval) {
            return;
        }
        lastRender = now;
        double seconds = (now - start) / 1e9;
        long eta = totalBytes > 0 && bytesDone > 0 && bytesDone < totalBytes
                ? (long) (seconds * (totalBytes - bytesDone) / bytesDone) : -1;
        if (mode == Mode.JSON) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("message_type", "status");
            n.put("action", action);
            n.put("seconds_elapsed", (long) seconds);
            if (eta >= 0) {
                n.put("seconds_remaining", eta);
            }
            if (totalBytes > 0) {
                n.put("percent_done", Math.min(1.0, (double) bytesDone / totalBytes));
            }
            n.put("files_done", filesDone);
            n.put("total_files", filesTotal);
            n.put("bytes_done", bytesDone);
            n.put("total_bytes", Math.max(totalBytes, 0));
            out.println(n);
            out.flush();
            return;
        }
        String pct = totalBytes > 0 ? String.format(Locale.ROOT, "%3d%%", Math.min(100, bytesDone * 100 / totalBytes)) : "   ?";
        int width = 20;
        int filled = totalBytes > 0 ? (int) Math.min(width, bytesDone * width / totalBytes) : 0;
        String bar = "[" + "=".repeat(filled) + " ".repeat(width - filled) + "]";
        String line = String.format(Locale.ROOT, "%s %s %s  %d/%d files  %s/%s  %s/s  ETA %s  %s",
                action, bar, pct, filesDone, filesTotal, Sizes.format(bytesDone),
                totalBytes >= 0 ? Sizes.format(totalBytes) : "?", Sizes.format((long) (bytesDone / Math.max(seconds, 0.001))),
                eta >= 0 ? formatDuration(eta) : "--:--", current == null ? "" : abbreviate(current, 40));
        out.print("\r" + line + "\u001b[K");
        out.flush();
        barShown = true;
    }

    /** Clears the bar before the summary is printed. */
    public synchronized void finish() {
        if (mode == Mode.BAR && barShown) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }

    /** A warning, printed above the bar (or as a JSON message). */
    public synchronized void warning(String path, String message) {
        if (mode == Mode.JSON) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("message_type", "error");
            n.put("item", path);
            n.put("error", message);
            out.println(n);
            out.flush();
        } else {
            if (barShown) {
                System.err.print("\r\u001b[K");
            }
            System.err.println("warning: " + path + ": " + message);
            System.err.flush();
        }
        lastRender = 0;
    }

    static String formatDuration(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }
}
