package io.cairn.repository.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.Json;
import io.cairn.repository.PackedBlob;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.check.CheckResult;
import io.cairn.repository.check.Checker;
import io.cairn.repository.crypto.CryptoKey;
import io.cairn.repository.testing.ResticCli;
import io.cairn.repository.pack.PackTestSupport.TestBlob;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import io.cairn.repository.tree.Tree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cairn's packs and index against the real restic 0.14 binary, in both directions. */
class PackInteropIT {
    private static final String PASSWORD = "cairn-interop";

    @TempDir
    Path dir;

    @Test
    void cairnReadsAndChecksWhatResticWrote() throws Exception {
        Path repo = dir.resolve("repo");
        restic(repo, "init");
        Path source = dir.resolve("src");
        Files.createDirectories(source.resolve("sub"));
        Files.writeString(source.resolve("hello.txt"), "hello from restic\n".repeat(500));
        Files.writeString(source.resolve("sub/empty.txt"), "");
        byte[] random = new byte[3 * 1024 * 1024];
        new Random(11).nextBytes(random);
        Files.write(source.resolve("sub/random.bin"), random);
        restic(repo, "backup", source.toString());

        CryptoKey key = TestKeyFiles.masterKey(repo, PASSWORD);
        JsonNode master = Json.MAPPER.readTree(restic(repo, "cat", "masterkey"));
        assertThat(key.encryptionKey()).isEqualTo(java.util.Base64.getDecoder().decode(master.path("encrypt").asText()));

        List<String[]> listed = new ArrayList<>();
        for (String line : new String(restic(repo, "list", "blobs"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                listed.add(line.trim().split(" "));
            }
        }
        assertThat(listed).hasSizeGreaterThan(4);
        LocalBackend backend = new LocalBackend(repo);
        try (PackBlobStore store = new PackBlobStore(backend, key, true)) {
            store.loadIndex();
            assertThat(store.indexedBlobCount()).isEqualTo(listed.size());
            boolean sawCompressed = false;
            for (String[] entry : listed) {
                BlobType type = BlobType.fromJson(entry[0]);
                Id id = Id.parse(entry[1]);
                PackedBlob where = store.lookup(type, id);
                assertThat(where).as("%s %s", entry[0], entry[1]).isNotNull();
                sawCompressed |= where.isCompressed();
                assertThat(Id.hash(store.loadBlob(type, id))).isEqualTo(id);
            }
            assertThat(sawCompressed).as("restic 0.14 compresses in a version 2 repository").isTrue();

            Checker checker = new Checker(backend, key);
            CheckResult result = checker.check(true);
            assertThat(result.problems()).isEmpty();
            assertThat(result.blobsRead()).isEqualTo(listed.size());

            JsonNode snapshots = Json.MAPPER.readTree(restic(repo, "snapshots", "--json"));
            Id root = Id.parse(snapshots.get(0).path("tree").asText());
            CheckResult trees = checker.checkTrees(List.of(root), store, store);
            assertThat(trees.problems()).isEmpty();
            // Every blob restic stored is reached once (no file shares a chunk): the counts are exact. (How many
            // chunks the random file makes depends on the repository's random polynomial: 1 to 6.)
            assertThat(trees.trees()).isEqualTo(listed.stream().filter(e -> e[0].equals("tree")).count());
            assertThat(trees.dataRefs()).isEqualTo(listed.stream().filter(e -> e[0].equals("data")).count());
        }
    }

    @Test
    void resticChecksAndReadsWhatCairnWrote() throws Exception {
        Path repo = dir.resolve("repo");
        restic(repo, "init");
        CryptoKey key = TestKeyFiles.masterKey(repo, PASSWORD);
        LocalBackend backend = new LocalBackend(repo);
        List<TestBlob> blobs = new ArrayList<>(PackTestSupport.blobs(60, 21).stream()
                .filter(b -> b.type() == BlobType.DATA).toList());
        byte[] treeBytes = Tree.of(List.of(new Node("f", NodeType.FILE, 0644, null, null, null, 0, 0, null, null, 0,
                0, 0, 1, null, null, 0, List.of(blobs.get(0).id()), null, null))).toBytes();
        blobs.add(new TestBlob(BlobType.TREE, Id.hash(treeBytes), treeBytes));
        try (PackBlobStore store = new PackBlobStore(backend, key, true, 32 * 1024)) {
            for (TestBlob b : blobs) {
                store.saveBlob(b.type(), b.id(), b.data(), b.data().length);
            }
            store.flush();
            assertThat(blobs).anyMatch(b -> store.lookup(b.type(), b.id()).isCompressed());
            assertThat(blobs).anyMatch(b -> !store.lookup(b.type(), b.id()).isCompressed());
        }

        String check = new String(restic(repo, "check", "--read-data"), StandardCharsets.UTF_8);
        assertThat(check).contains("no errors were found");

        for (TestBlob b : List.of(blobs.get(0), blobs.get(1), blobs.get(blobs.size() - 1))) {
            assertThat(restic(repo, "cat", "blob", b.id().toString())).isEqualTo(b.data());
        }
        String list = new String(restic(repo, "list", "blobs"), StandardCharsets.UTF_8);
        assertThat(list.lines().count()).isEqualTo(blobs.size());
    }

    /** Runs restic on the repository; fails with its output when it exits non-zero. Returns stdout. */
    private byte[] restic(Path repo, String... args) throws IOException, InterruptedException {
        return new ResticCli(repo).runBytes(PASSWORD, args);
    }
}
