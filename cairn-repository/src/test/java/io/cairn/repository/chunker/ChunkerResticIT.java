package io.cairn.repository.chunker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.repository.Id;
import io.cairn.repository.testing.ResticCli;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle: the real restic binary backs up a file, and Cairn's chunker must cut the same file into exactly
 * the data blobs restic stored (same SHA-256 IDs, same order), with the polynomial of restic's repository.
 * Fails, not skips, when restic is missing: the compatibility promise is what this test is for.
 */
class ChunkerResticIT {
    private static final int MIB = 1024 * 1024;
    private static final String PASSWORD = "cairn-chunker-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void cutsTheSameBlobsAsRestic() throws Exception {
        ResticCli restic = new ResticCli(dir.resolve("repo"));
        Path source = Files.createDirectories(dir.resolve("source"));
        String fileName = "data.bin";
        byte[] data = oracleData();
        Files.write(source.resolve(fileName), data);

        restic.run(PASSWORD, "init");
        Polynomial pol = Polynomial.parseHex(
            JSON.readTree(restic.run(PASSWORD, "cat", "config"))
                .path("chunker_polynomial").asText());
        assertThat(pol.isIrreducible()).as("restic's polynomial %s", pol).isTrue();

        // a relative path from the file's directory: restic 0.14 then stores the file at the root of the tree
        restic.inDirectory(source).run(PASSWORD, "backup", fileName);
        JsonNode snapshots = JSON.readTree(restic.run(PASSWORD, "snapshots", "--json"));
        assertThat(snapshots).as("snapshots: %s", snapshots).hasSize(1);
        List<Id> resticIds = fileContent(restic, snapshots.get(0).path("tree").asText(), fileName);

        List<Id> cairnIds;
        try (InputStream in = Files.newInputStream(source.resolve(fileName))) {
            cairnIds = ChunkerTestData.chunkIds(new Chunker(pol), in);
        }
        assertThat(cairnIds).as("chunk IDs with polynomial %s", pol).containsExactlyElementsOf(resticIds);
        // the data was built to exercise dedup (a repeated region) and the MAX_SIZE cut (a periodic run)
        assertThat(new HashSet<>(resticIds).size()).isLessThan(resticIds.size());
        assertThat(ChunkerTestData.lengths(new Chunker(pol), data)).contains(Chunker.MAX_SIZE);
    }

    /**
     * About 24 MiB: 9 MiB random, its first 6 MiB again (so chunks repeat), a 9 MiB periodic run (no
     * content-defined cut, so MAX_SIZE cuts) and an odd-sized random tail.
     */
    /**
     * Random data whose first 10 MiB come again from 11 MiB on (a repeat long enough that the chunker falls
     * into step inside it whatever restic's random polynomial: 6 MiB was not, for about one in twenty), then a
     * 9 MiB periodic run that forces a MAX_SIZE cut.
     */
    static byte[] oracleData() {
        byte[] data = ChunkerTestData.withPeriodicRun(20240601, 30 * MIB + 12345, 21 * MIB, 9 * MIB);
        System.arraycopy(data, 0, data, 11 * MIB, 10 * MIB);
        return data;
    }

    /** Walks from the root tree down {@code path} (components split at '/') to a file node's content IDs. */
    private List<Id> fileContent(ResticCli restic, String rootTree, String path) throws Exception {
        String tree = rootTree;
        String[] components = path.split("/");
        for (int i = 0; i < components.length; i++) {
            JsonNode nodes = JSON.readTree(restic.run(PASSWORD, "cat", "blob", tree))
                .path("nodes");
            JsonNode node = null;
            for (JsonNode candidate : nodes) {
                if (candidate.path("name").asText().equals(components[i])) {
                    node = candidate;
                }
            }
            if (node == null) {
                fail("no node '%s' in tree %s: %s", components[i], tree, nodes);
            }
            if (i < components.length - 1) {
                tree = node.path("subtree").asText();
            } else {
                assertThat(node.path("type").asText()).isEqualTo("file");
                List<Id> ids = new ArrayList<>();
                node.path("content").forEach(id -> ids.add(Id.parse(id.asText())));
                return ids;
            }
        }
        throw new AssertionError("empty path");
    }
}
