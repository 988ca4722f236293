package io.cairn.repository.backend.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 proxy in front of an S3 server that misbehaves on purpose, drawing from a seeded random source:
 * it answers 500 or 503 without asking the server, resets the connection halfway through a request body
 * (mid-upload) or halfway through the server's answer (after the server acted), or answers slowly. One request
 * per connection ({@code Connection: close}), which keeps the relay simple.
 */
public final class FaultyHttpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final Random random;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-proxy");
        t.setDaemon(true);
        return t;
    });
    private volatile double error500;
    private volatile double error503;
    private volatile double resetUpload;
    private volatile double resetResponse;
    private volatile double slow;
    private final AtomicLong faults = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final java.util.Queue<String> requestLines = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public FaultyHttpProxy(int upstreamPort, long seed) throws IOException {
        this.upstreamPort = upstreamPort;
        this.random = new Random(seed);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    public FaultyHttpProxy faults(double p500, double p503, double pResetUpload, double pResetResponse, double pSlow) {
        this.error500 = p500;
        this.error503 = p503;
        this.resetUpload = pResetUpload;
        this.resetResponse = pResetResponse;
        this.slow = pSlow;
        return this;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public long faultsInjected() {
        return faults.get();
    }

    public long requests() {
        return requests.get();
    }

    /** The request line ({@code GET /bucket/key HTTP/1.1}) of every request so far, in arrival order. */
    public java.util.List<String> requestLines() {
        return java.util.List.copyOf(requestLines);
    }

    private boolean draw(double p) {
        boolean hit;
        synchronized (random) {
            hit = p > 0 && random.nextDouble() < p;
        }
        if (hit) {
            faults.incrementAndGet();
        }
        return hit;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                pool.execute(() -> handle(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            requests.incrementAndGet();
            requestLines.add(head.lines().findFirst().orElse(""));
            long length = contentLength(head);
            if (draw(error500)) {
                drain(in, length);
                reply(client, 500, "InternalError");
                return;
            }
            if (draw(error503)) {
                drain(in, length);
                reply(client, 503, "SlowDown");
                return;
            }
            if (length > 0 && draw(resetUpload)) {
                drain(in, length / 2);
                reset(client);
                return;
            }
            if (draw(slow)) {
                Thread.sleep(50);
            }
            boolean cutAnswer = draw(resetResponse);
            try (Socket up = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                OutputStream upOut = up.getOutputStream();
                upOut.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
                copy(in, upOut, length);
                upOut.flush();
                InputStream upIn = up.getInputStream();
                OutputStream out = client.getOutputStream();
                byte[] buf = new byte[16384];
                int n;
                while ((n = upIn.read(buf)) > 0) {
                    if (cutAnswer) {
                        out.write(buf, 0, Math.min(n, 20));
                        out.flush();
                        reset(client);
                        return;
                    }
                    out.write(buf, 0, n);
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client or server went away; nothing to report
        }
    }

    private static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    private static void reply(Socket client, int status, String code) throws IOException {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>injected"
                + "</Message></Error>";
        String resp = "HTTP/1.1 " + status + " " + (status == 500 ? "Internal Server Error" : "Service Unavailable")
                + "\r\nContent-Type: application/xml\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
        client.getOutputStream().write(resp.getBytes(StandardCharsets.ISO_8859_1));
        client.getOutputStream().flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1 : (c == '\r' ? 1 : 0);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                return Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    private static String withConnectionClose(String head) {
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (line.isEmpty() || line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                continue;
            }
            out.append(line).append("\r\n");
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    private static void drain(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[16384];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new IOException("client closed mid-body");
            }
            out.write(buf, 0, r);
            n -= r;
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        pool.shutdownNow();
    }
}
