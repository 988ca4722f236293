package io.cairn.kube.testing;

import io.cairn.repository.Repository;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.key.ScryptParams;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A real repository for tests: format version 2 on a local directory, with a key cheap to derive. Its
 * {@code blobs()} is the real pack store, so what a test writes can be read back only after {@code flush()}.
 * The test closes it.
 */
public final class TestRepository {
    public static final String PASSWORD = "pw";
    private static final ScryptParams CHEAP = new ScryptParams(16, 1, 1);

    private TestRepository() {
    }

    /** Creates the repository in {@code dir} (empty or missing). */
    public static Repository create(Path dir) throws IOException {
        return Repository.init(new LocalBackend(dir), PASSWORD.toCharArray(), 2, CHEAP);
    }
}
