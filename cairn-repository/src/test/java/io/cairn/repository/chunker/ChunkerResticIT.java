package io.cairn.repository.chunker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.repository.Id;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        Path restic = findRestic();
        Path repo = dir.resolve("repo");
        Path source = Files.createDirectories(dir.resolve("source"));
        String fileName = "data.bin";
        byte[] data = oracleData();
        Files.write(source.resolve(fileName), data);

        run(restic, dir, "init", "--repo", repo.toString());
        Polynomial pol = Polynomial.parseHex(
            JSON.readTree(run(restic, dir, "--repo", repo.toString(), "cat", "config"))
                .path("chunker_polynomial").asText());
        assertThat(pol.isIrreducible()).as("restic's polynomial %s", pol).isTrue();

        // a relative path from the file's directory: restic 0.14 then stores the file at the root of the tree
        run(restic, source, "--repo", repo.toString(), "backup", fileName);
        JsonNode snapshots = JSON.readTree(run(restic, dir, "--repo", repo.toString(), "snapshots", "--json"));
        assertThat(snapshots).as("snapshots: %s", snapshots).hasSize(1);
        List<Id> resticIds = fileContent(restic, repo, snapshots.get(0).path("tree").asText(), fileName);

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
    static byte[] oracleData() {
        byte[] data = ChunkerTestData.withPeriodicRun(20240601, 24 * MIB + 12345, 15 * MIB, 9 * MIB);
        System.arraycopy(data, 0, data, 9 * MIB, 6 * MIB);
        return data;
    }

    /** Walks from the root tree down {@code path} (components split at '/') to a file node's content IDs. */
    private List<Id> fileContent(Path restic, Path repo, String rootTree, String path) throws Exception {
        String tree = rootTree;
        String[] components = path.split("/");
        for (int i = 0; i < components.length; i++) {
            JsonNode nodes = JSON.readTree(run(restic, dir, "--repo", repo.toString(), "cat", "blob", tree))
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

    private static Path findRestic() {
        for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(entry, "restic");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path usual = Path.of("/usr/bin/restic");
        if (!Files.isExecutable(usual)) {
            fail("restic (0.14) is required for this test and was not found on PATH or at /usr/bin/restic; "
                + "install it with: apt-get install -y restic");
        }
        return usual;
    }

    /** Runs restic, returns its stdout; fails with its stderr on a non-zero exit or after two minutes. */
    private String run(Path restic, Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(restic.toString(), "--no-cache", "--quiet"));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "restic", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("RESTIC_"));
        env.put("RESTIC_PASSWORD", PASSWORD);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] stdout = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("timed out: %s%nstderr: %s", command, Files.readString(stderr));
        }
        if (process.exitValue() != 0) {
            fail("exit %d: %s%nstderr: %s%nstdout: %s", process.exitValue(), command, Files.readString(stderr),
                new String(stdout, StandardCharsets.UTF_8));
        }
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
