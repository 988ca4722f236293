package io.cairn.repository.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.Id;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocalBackendContractTest extends BackendContractTest {
    @Override
    protected Backend newBackend(Path dir) {
        return new LocalBackend(dir.resolve("repo"));
    }

    @Test
    void leftoversOfACrashedWriterAreRemovedAndNothingElse() throws Exception {
        LocalBackend local = new LocalBackend(tmp.resolve("leftovers"));
        local.create();
        Handle pack = Handle.of(FileType.PACK, Id.hash(new byte[] {1}));
        local.save(pack, new byte[] {1, 2, 3});
        Path root = local.root();
        Files.write(local.stagingDirectory().resolve(".tmp-pack-1f"), new byte[100]); // a staged pack
        Path packDir = root.resolve(pack.relativePath()).getParent();
        Files.write(packDir.resolve(".tmp-" + pack.name() + "-2e"), new byte[10]); // a save cut short
        Files.write(root.resolve("snapshots").resolve(".tmp-" + Id.hash(new byte[] {2}) + "-3d"), new byte[10]);
        Files.write(root.resolve("notes.txt"), new byte[] {7}); // not Cairn's: left alone

        assertThat(local.removeLeftovers()).isEqualTo(3);
        assertThat(local.removeLeftovers()).isZero();
        assertThat(local.load(pack)).containsExactly(1, 2, 3);
        assertThat(root.resolve("notes.txt")).exists();
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
        }
    }
}
