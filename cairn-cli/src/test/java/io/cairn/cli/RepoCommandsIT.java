package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.repository.Json;
import io.cairn.repository.testing.ResticCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cairn repo} commands end to end, with the real restic as the oracle for the format. */
class RepoCommandsIT {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path tmp;
    Path repo;
    Path data;
    CairnRunner cairn;
    ResticCli restic;

    @BeforeEach
    void setUp() throws IOException {
        repo = tmp.resolve("repo");
        Path passwordFile = Files.writeString(tmp.resolve("password"), PASSWORD + "\n");
        data = TreeFixture.create(tmp.resolve("data"), 7);
        cairn = new CairnRunner(repo, passwordFile);
        restic = new ResticCli(repo);
    }

    private CairnRunner.Result ok(String... args) {
        CairnRunner.Result r = cairn.run(args);
        assertThat(r.exitCode()).as("cairn %s:%n%s%n%s", String.join(" ", args), r.stdout(), r.stderr()).isZero();
        return r;
    }

    /** Where a restore puts an absolute backup path under the target (restic keeps the full path). */
    private Path restored(Path target, Path original) {
        return target.resolve(original.toString().substring(1));
    }

    @Test
    void resticChecksAndRestoresWhatCairnWrote() throws Exception {
        ok("repo", "init");
        ok("repo", "backup", data.toString(), "--tag", "first", "--host", "node-1");

        restic.run(PASSWORD, "check", "--read-data");
        JsonNode snapshots = Json.MAPPER.readTree(restic.run(PASSWORD, "snapshots", "--json"));
        assertThat(snapshots).hasSize(1);
        assertThat(snapshots.get(0).get("hostname").asText()).isEqualTo("node-1");
        assertThat(snapshots.get(0).get("tags").get(0).asText()).isEqualTo("first");

        Path target = tmp.resolve("restic-restore");
        restic.run(PASSWORD, "restore", "latest", "--target", target.toString());
        TreeFixture.assertSameTree(data, restored(target, data));
    }

    @Test
    void cairnRestoresWhatResticWrote() throws Exception {
        restic.run(PASSWORD, "init");
        restic.run(PASSWORD, "backup", data.toString());

        Path target = tmp.resolve("cairn-restore");
        ok("repo", "restore", "latest", "--target", target.toString());
        TreeFixture.assertSameTree(data, restored(target, data));
        assertThat(ok("repo", "check", "--read-data").stdout()).contains("no errors");
    }

    @Test
    void resticBackupOfDataCairnStoredAddsNoDataBlobsAndTheSameTrees() throws Exception {
        ok("repo", "init");
        ok("repo", "backup", data.toString());
        // --force makes restic read every file again instead of trusting Cairn's snapshot as parent.
        String out = restic.run(PASSWORD, "backup", "--force", "--json", data.toString());
        JsonNode summary = null;
        for (String line : out.split("\n")) {
            JsonNode n = Json.MAPPER.readTree(line);
            if ("summary".equals(n.path("message_type").asText())) {
                summary = n;
            }
        }
        assertThat(summary).as("restic summary in %s", out).isNotNull();
        assertThat(summary.get("data_blobs").asInt()).as("new data blobs restic added").isZero();
        // Trees too are byte for byte restic's: the backed-up directory has the same tree ID in both snapshots
        // (only its ancestors may differ, their times having moved between the two backups).
        JsonNode snapshots = Json.MAPPER.readTree(restic.run(PASSWORD, "snapshots", "--json"));
        assertThat(snapshots).hasSize(2);
        assertThat(treeIdOf(snapshots.get(1), data)).isEqualTo(treeIdOf(snapshots.get(0), data));
    }

    /** The ID of the tree blob that lists {@code dir} in a snapshot, found by walking from its root with restic. */
    private String treeIdOf(JsonNode snapshot, Path dir) throws Exception {
        String tree = snapshot.get("tree").asText();
        for (Path name : dir) {
            JsonNode nodes = Json.MAPPER.readTree(restic.run(PASSWORD, "cat", "blob", tree)).get("nodes");
            tree = null;
            for (JsonNode node : nodes) {
                if (node.get("name").asText().equals(name.toString())) {
                    tree = node.get("subtree").asText();
                }
            }
            assertThat(tree).as("%s in snapshot %s", name, snapshot.get("short_id")).isNotNull();
        }
        return tree;
    }

    @Test
    void unchangedRebackupUsesParentAndListsBothSnapshots() throws Exception {
        ok("repo", "init");
        ok("repo", "backup", data.toString());
        assertThat(ok("repo", "backup", data.toString()).stdout()).contains("0 new, 0 changed");
        String json = ok("repo", "backup", "--json", data.toString()).stdout();
        JsonNode summary = Json.MAPPER.readTree(json.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(summary.get("message_type").asText()).isEqualTo("summary");
        assertThat(summary.get("files_new").asInt()).isZero();
        assertThat(summary.get("files_changed").asInt()).isZero();
        long regularFiles;
        try (var walk = Files.walk(data)) {
            regularFiles = walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).count();
        }
        assertThat(summary.get("files_unmodified").asLong()).isEqualTo(regularFiles);
        assertThat(summary.get("data_blobs").asInt()).isZero();
        assertThat(summary.get("total_bytes_processed").asLong()).as("unchanged files are not read").isZero();

        JsonNode list = Json.MAPPER.readTree(ok("repo", "snapshots", "--json").stdout());
        assertThat(list).hasSize(3);
        assertThat(list.get(1).get("parent").asText()).isEqualTo(list.get(0).get("id").asText());
        assertThat(list.get(2).get("parent").asText()).isEqualTo(list.get(1).get("id").asText());
    }

    @Test
    void lsDumpAndSubpathRestore() throws Exception {
        ok("repo", "init");
        ok("repo", "backup", data.toString());
        String ls = ok("repo", "ls", "latest").stdout();
        assertThat(ls).contains(data.resolve("db/pages/big.bin").toString()).contains(data.resolve("link-to-hello").toString());

        String hello = ok("repo", "dump", "latest", data.resolve("hello.txt").toString()).stdout();
        assertThat(hello).isEqualTo("hello, cairn\n");

        Path target = tmp.resolve("sub");
        ok("repo", "restore", "latest:" + data.resolve("db"), "--target", target.toString());
        assertThat(Files.mismatch(target.resolve("pages/big.bin"), data.resolve("db/pages/big.bin"))).isEqualTo(-1L);
        assertThat(target.resolve("hello.txt")).doesNotExist();
    }

    @Test
    void badInputGivesOneLineAndDistinctExitCodes() throws Exception {
        CairnRunner.Result missing = cairn.run("repo", "snapshots");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.NO_REPOSITORY);
        assertThat(missing.stderr().strip()).doesNotContain("\n").contains("cairn repo init");

        ok("repo", "init");
        CairnRunner.Result again = cairn.run("repo", "init");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("already");

        Path wrong = Files.writeString(tmp.resolve("wrong"), "not the password");
        CairnRunner.Result bad = CairnRunner.runRaw("--repo", repo.toString(), "--password-file", wrong.toString(), "repo", "snapshots");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.WRONG_PASSWORD);
        assertThat(bad.stderr()).doesNotContain("not the password");

        CairnRunner.Result unknown = cairn.run("repo", "ls", "deadbeef");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(unknown.stderr()).contains("deadbeef");

        CairnRunner.Result noSuchPath = cairn.run("repo", "backup", tmp.resolve("nope").toString());
        assertThat(noSuchPath.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void checkReportsEveryProblemNotOnlyTheFirst() throws Exception {
        ok("repo", "init");
        ok("repo", "backup", data.toString());
        ok("repo", "backup", "--force", data.toString());
        Path snapshot;
        try (var files = Files.list(repo.resolve("snapshots"))) {
            snapshot = files.findFirst().orElseThrow();
        }
        Path pack;
        try (var files = Files.walk(repo.resolve("data"))) {
            pack = files.filter(Files::isRegularFile).max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
        for (Path damaged : List.of(snapshot, pack)) {
            damaged.toFile().setWritable(true);
            byte[] bytes = Files.readAllBytes(damaged);
            bytes[bytes.length / 2] ^= 0x10;
            Files.write(damaged, bytes);
        }

        CairnRunner.Result check = cairn.run("repo", "check", "--read-data");

        assertThat(check.exitCode()).isEqualTo(ExitCode.CORRUPT);
        assertThat(check.stderr()).contains("snapshot " + snapshot.getFileName().toString().substring(0, 8))
                .contains(pack.getFileName().toString().substring(0, 8));
    }

    @Test
    void corruptPackStopsRestoreNamingThePack() throws Exception {
        ok("repo", "init");
        ok("repo", "backup", data.toString());
        Path pack;
        try (var files = Files.walk(repo.resolve("data"))) {
            pack = files.filter(Files::isRegularFile).max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
        pack.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(pack);
        bytes[100] ^= 0x40;
        Files.write(pack, bytes);

        CairnRunner.Result r = cairn.run("repo", "restore", "latest", "--target", tmp.resolve("t").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.CORRUPT);
        assertThat(r.stderr()).contains(pack.getFileName().toString().substring(0, 8));

        CairnRunner.Result check = cairn.run("repo", "check", "--read-data");
        assertThat(check.exitCode()).isEqualTo(ExitCode.CORRUPT);
    }
}
