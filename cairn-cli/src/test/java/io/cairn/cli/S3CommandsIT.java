package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.Repository;
import io.cairn.repository.backend.BackendOptions;
import io.cairn.repository.backend.Backends;
import io.cairn.repository.backend.s3.LocalS3Server;
import io.cairn.repository.lock.Lock;
import io.cairn.repository.testing.ResticCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repo commands against an S3 server (S3Proxy), with restic reading the same bucket. */
class S3CommandsIT {
    private static final String PASSWORD = "s3 cli password";
    private static LocalS3Server server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = LocalS3Server.start(Files.createTempDirectory("cairn-cli-s3"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private CairnRunner cairn(String location, Map<String, String> env) throws Exception {
        Path pw = Files.writeString(tmp.resolve("password"), PASSWORD + "\n");
        return new CairnRunner(location, pw, env);
    }

    private static CairnRunner.Result ok(CairnRunner cairn, String... args) {
        CairnRunner.Result r = cairn.run(args);
        assertThat(r.exitCode()).as("cairn %s:%n%s%n%s", String.join(" ", args), r.stdout(), r.stderr()).isZero();
        return r;
    }

    @Test
    void initBackupSnapshotsRestoreForgetPruneWithResticReadingTheBucket() throws Exception {
        String location = server.location("cli-bucket/team/repo");
        CairnRunner cairn = cairn(location, LocalS3Server.env());
        Path data = TreeFixture.create(tmp.resolve("data"), 3);
        ok(cairn, "repo", "init");
        ok(cairn, "repo", "backup", data.toString(), "--host", "node-1");
        Files.writeString(data.resolve("hello.txt"), "changed\n");
        ok(cairn, "repo", "backup", data.toString(), "--host", "node-1");
        assertThat(ok(cairn, "repo", "snapshots").stdout()).contains("node-1");

        Path target = tmp.resolve("restore");
        ok(cairn, "repo", "restore", "latest", "--target", target.toString());
        TreeFixture.assertSameTree(data, target.resolve(data.toString().substring(1)));

        ResticCli restic = new ResticCli(location, LocalS3Server.env());
        restic.run(PASSWORD, "check", "--read-data");
        Path resticTarget = tmp.resolve("restic-restore");
        restic.run(PASSWORD, "restore", "latest", "--target", resticTarget.toString());
        TreeFixture.assertSameTree(data, resticTarget.resolve(data.toString().substring(1)));

        CairnRunner.Result forget = ok(cairn, "repo", "forget", "--keep-last", "1", "--prune", "--max-unused", "0");
        assertThat(forget.stdout()).contains("removed 1 snapshot").contains("pruned:");
        ok(cairn, "repo", "check", "--read-data-subset", "1/2");
        restic.run(PASSWORD, "check", "--read-data");
        assertThat(restic.run(PASSWORD, "snapshots", "--json")).containsOnlyOnce("\"hostname\":\"node-1\"");
    }

    @Test
    void aLockedRepositoryIsReportedWithItsHolderAndUnlockRemovesIt() throws Exception {
        String location = server.location("locked-bucket");
        CairnRunner cairn = cairn(location, LocalS3Server.env());
        ok(cairn, "repo", "init");
        Path data = Files.writeString(Files.createDirectories(tmp.resolve("d")).resolve("f"), "x").getParent();
        try (Repository repo = Repository.open(Backends.open(location, BackendOptions.defaults()
                .withEnv(LocalS3Server.env())), PASSWORD.toCharArray());
             Lock held = repo.lockExclusive()) {
            CairnRunner.Result r = cairn.run("repo", "backup", data.toString());
            assertThat(r.exitCode()).isEqualTo(ExitCode.LOCKED);
            assertThat(r.stderr().trim()).startsWith("cairn: repository " + location + " is locked: an exclusive lock "
                    + held.id().shortString()).contains("PID " + ProcessHandle.current().pid()).doesNotContain("\n");
            assertThat(ok(cairn, "repo", "unlock").stdout()).contains("no locks removed");
            assertThat(ok(cairn, "repo", "unlock", "--remove-all").stdout()).contains("removed 1 lock");
        }
        ok(cairn, "repo", "backup", data.toString());
    }

    @Test
    void badBucketBadCredentialsAndUnreachableEndpointsGiveOneLineAndDistinctCodes() throws Exception {
        CairnRunner.Result noBucket = cairn(server.location("no-such-bucket"), LocalS3Server.env())
                .run("repo", "snapshots");
        assertThat(noBucket.exitCode()).isEqualTo(ExitCode.STORAGE_NOT_FOUND);
        assertThat(noBucket.stderr()).isEqualTo("cairn: bucket 'no-such-bucket' does not exist at " + server.endpoint()
                + "\n");

        Map<String, String> wrong = new HashMap<>(LocalS3Server.env());
        wrong.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        CairnRunner.Result denied = cairn(server.location("locked-bucket"), wrong).run("repo", "snapshots");
        assertThat(denied.exitCode()).isEqualTo(ExitCode.STORAGE_ACCESS_DENIED);
        assertThat(denied.stderr()).startsWith("cairn: access denied to s3:").hasLineCount(1)
                .doesNotContain("not-the-secret");

        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CairnRunner.Result down = cairn("s3:http://127.0.0.1:" + port + "/bkt", LocalS3Server.env()).run("repo", "snapshots");
        assertThat(down.exitCode()).isEqualTo(ExitCode.STORAGE_UNREACHABLE);
        assertThat(down.stderr()).startsWith("cairn: cannot reach http://127.0.0.1:" + port).hasLineCount(1);

        CairnRunner.Result bad = cairn("s3:http://127.0.0.1:" + port, LocalS3Server.env()).run("repo", "snapshots");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.stderr()).contains("needs a host and a bucket");
    }
}
