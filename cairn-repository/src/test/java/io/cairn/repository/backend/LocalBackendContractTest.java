package io.cairn.repository.backend;

import java.nio.file.Path;

class LocalBackendContractTest extends BackendContractTest {
    @Override
    protected Backend newBackend(Path dir) {
        return new LocalBackend(dir.resolve("repo"));
    }
}
