package io.cairn.kube.testing;

import io.cairn.repository.BlobStore;
import io.cairn.repository.Repository;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.key.ScryptParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real repository for each test: format version 2 on a local temporary directory, with a key cheap to
 * derive; closed and deleted after the test. Register it with
 * {@code @RegisterExtension final TestRepository repo = new TestRepository();}. {@link #blobs()} is the real pack
 * store, so what a test writes can be read back only after {@code flush()}.
 */
public final class TestRepository implements BeforeEachCallback, AfterEachCallback {
    public static final String PASSWORD = "pw";
    private static final ScryptParams CHEAP = new ScryptParams(16, 1, 1);

    private Path dir;
    private Repository repository;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("cairn-kube-test-repo");
        repository = Repository.init(new LocalBackend(dir), PASSWORD.toCharArray(), 2, CHEAP);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            repository.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The repository's directory (what another process would open). */
    public Path dir() {
        return dir;
    }

    public Repository repository() {
        return repository;
    }

    /** The repository's pack store. */
    public BlobStore blobs() {
        return repository.blobs();
    }
}
