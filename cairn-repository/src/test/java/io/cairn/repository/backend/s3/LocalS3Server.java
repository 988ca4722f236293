package io.cairn.repository.backend.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real S3 server in this process: S3Proxy over a filesystem blob store in a directory, on 127.0.0.1 with a
 * free port, path-style, static credentials. Tests use it; {@link #main} runs it for the bench script.
 */
public final class LocalS3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "cairn-access";
    public static final String SECRET_KEY = "cairn-secret";

    private final S3Proxy proxy;
    private final Path dir;

    private LocalS3Server(S3Proxy proxy, Path dir) {
        this.proxy = proxy;
        this.dir = dir;
    }

    /** Starts a server storing its buckets under {@code dir} and waits until it answers. */
    public static LocalS3Server start(Path dir) throws Exception {
        return start(dir, 0);
    }

    public static LocalS3Server start(Path dir, int port) throws Exception {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", dir.toString());
        S3Proxy proxy = S3Proxy.builder().blobStore(BlobStores.create("filesystem", p))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .stopTimeout(0)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new LocalS3Server(proxy, dir);
    }

    public int port() {
        return proxy.getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** {@code s3:http://127.0.0.1:PORT/bucket[/prefix]}, as restic and Cairn take it. */
    public String location(String bucketAndPrefix) {
        return "s3:" + endpoint() + "/" + bucketAndPrefix;
    }

    public Path directory() {
        return dir;
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** Options for a backend talking to this server with small multipart parts. */
    public static S3Options options() {
        return S3Options.defaults(credentials()).withMultipart(S3Options.MIN_PART_SIZE, S3Options.MIN_PART_SIZE);
    }

    /** The environment restic needs to reach this server. */
    public static java.util.Map<String, String> env() {
        return java.util.Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }

    /** {@code LocalS3Server DIR [PORT]}: runs until killed, printing {@code PORT <n>} once started. */
    public static void main(String[] args) throws Exception {
        LocalS3Server s = start(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 0);
        System.out.println("PORT " + s.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
