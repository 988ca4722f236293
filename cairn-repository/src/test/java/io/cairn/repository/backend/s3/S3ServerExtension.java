package io.cairn.repository.backend.s3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LocalS3Server} for a whole test class, its store removed afterwards:
 * {@code @RegisterExtension static final S3ServerExtension S3 = new S3ServerExtension();}
 */
public final class S3ServerExtension implements BeforeAllCallback, AfterAllCallback {
    private LocalS3Server server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = LocalS3Server.start(Files.createTempDirectory("cairn-s3"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Path dir = server.directory();
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public LocalS3Server server() {
        return server;
    }
}
