package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.Repository;
import io.cairn.repository.backend.BackendOptions;
import io.cairn.repository.backend.Backends;
import io.cairn.repository.backend.s3.FaultyHttpProxy;
import io.cairn.repository.backend.s3.LocalS3Server;
import io.cairn.repository.backend.s3.S3ServerExtension;
import io.cairn.repository.lock.Lock;
import io.cairn.repository.testing.ResticCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The repo commands against an S3 server (S3Proxy), with restic reading the same bucket. */
class S3CommandsIT {
    private static final String PASSWORD = "s3 cli password";
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    @TempDir
    Path tmp;

    /** Runs with the environment given plus a cache root in the test's directory (none in the user's home). */
    private CairnRunner cairn(String location, Map<String, String> env) throws Exception {
        Path pw = Files.writeString(tmp.resolve("password"), PASSWORD + "\n");
        Map<String, String> withCache = new HashMap<>(env);
        withCache.putIfAbsent("CAIRN_CACHE_DIR", tmp.resolve("cache").toString());
        return new CairnRunner(location, pw, withCache);
    }

    /** The GETs of repository files (index/, snapshots/, data/) the proxy saw since {@code from}. */
    private static List<String> fileGets(FaultyHttpProxy proxy, int from) {
        List<String> lines = proxy.requestLines();
        return lines.subList(from, lines.size()).stream()
                .filter(l -> l.startsWith("GET ") && l.matches("GET /[^ ?]+/(index|snapshots|data)/[^ ?]+ .*"))
                .toList();
    }

    @Test
    void aSecondBackupLsAndSnapshotsReadIndexSnapshotsAndTreesFromTheCache() throws Exception {
        try (FaultyHttpProxy proxy = new FaultyHttpProxy(S3.server().port(), 1)) {
            String location = "s3:http://127.0.0.1:" + proxy.port() + "/cached-bucket/repo";
            CairnRunner cairn = cairn(location, LocalS3Server.env());
            Path data = TreeFixture.create(tmp.resolve("data"), 3);
            ok(cairn, "repo", "init");
            ok(cairn, "repo", "backup", data.toString(), "--host", "node-1");
            Path cache = tmp.resolve("cache");
            assertThat(cache.resolve("CACHEDIR.TAG")).exists();
            Path repoCache;
            try (Stream<Path> dirs = Files.list(cache)) {
                repoCache = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            assertThat(repoCache.resolve("index")).isNotEmptyDirectory();
            assertThat(repoCache.resolve("snapshots")).isNotEmptyDirectory();
            assertThat(repoCache.resolve("data")).isNotEmptyDirectory();

            // Without the cache, the same commands fetch index, snapshot and tree files (the proxy sees them)
            int mark = proxy.requestLines().size();
            String snapshotsUncached = ok(cairn, "--no-cache", "repo", "snapshots").stdout();
            String lsUncached = ok(cairn, "--no-cache", "repo", "ls", "latest").stdout();
            assertThat(fileGets(proxy, mark)).anyMatch(l -> l.contains("/index/"))
                    .anyMatch(l -> l.contains("/snapshots/")).anyMatch(l -> l.contains("/data/"));

            mark = proxy.requestLines().size();
            assertThat(ok(cairn, "repo", "snapshots").stdout()).isEqualTo(snapshotsUncached);
            assertThat(ok(cairn, "repo", "ls", "latest").stdout()).isEqualTo(lsUncached);
            CairnRunner.Result again = ok(cairn, "repo", "backup", data.toString(), "--host", "node-1", "--json");
            assertThat(fileGets(proxy, mark)).as("files read from the repository").isEmpty();
            assertThat(again.stdout()).contains("\"files_unmodified\"");
            String lsNew = ok(cairn, "repo", "ls", "latest").stdout();
            assertThat(lsNew).isNotEqualTo(lsUncached); // a new snapshot ID in the header, the same files
            assertThat(lsNew.substring(lsNew.indexOf('\n'))).isEqualTo(lsUncached.substring(lsUncached.indexOf('\n')));

            ResticCli restic = new ResticCli(location, LocalS3Server.env());
            restic.run(PASSWORD, "check", "--read-data");
            ok(cairn, "repo", "check");
        }
    }

    @Test
    void anUnusableCacheDirectoryWarnsOnceAndLocalRepositoriesHaveNoCacheByDefault() throws Exception {
        String location = S3.server().location("uncacheable-bucket");
        Path blocker = Files.writeString(tmp.resolve("not-a-dir"), "x");
        Map<String, String> env = new HashMap<>(LocalS3Server.env());
        env.put("CAIRN_CACHE_DIR", blocker.resolve("cache").toString());
        CairnRunner cairn = cairn(location, env);
        ok(cairn, "repo", "init");
        Path data = Files.writeString(Files.createDirectories(tmp.resolve("d")).resolve("f"), "x").getParent();
        CairnRunner.Result r = ok(cairn, "repo", "backup", data.toString());
        assertThat(r.stderr()).containsOnlyOnce("cairn: warning: cannot use the cache directory");

        Path local = tmp.resolve("local-repo");
        Path cacheRoot = tmp.resolve("local-cache");
        CairnRunner onDisk = cairn(local.toString(), Map.of("CAIRN_CACHE_DIR", cacheRoot.toString()));
        ok(onDisk, "repo", "init");
        ok(onDisk, "repo", "backup", data.toString());
        assertThat(cacheRoot).doesNotExist();
        ok(onDisk, "--cache-dir", cacheRoot.toString(), "repo", "snapshots");
        assertThat(cacheRoot.resolve("CACHEDIR.TAG")).exists();
    }

    private static CairnRunner.Result ok(CairnRunner cairn, String... args) {
        CairnRunner.Result r = cairn.run(args);
        assertThat(r.exitCode()).as("cairn %s:%n%s%n%s", String.join(" ", args), r.stdout(), r.stderr()).isZero();
        return r;
    }

    @Test
    void initBackupSnapshotsRestoreForgetPruneWithResticReadingTheBucket() throws Exception {
        String location = S3.server().location("cli-bucket/team/repo");
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
        String location = S3.server().location("locked-bucket");
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
        CairnRunner.Result noBucket = cairn(S3.server().location("no-such-bucket"), LocalS3Server.env())
                .run("repo", "snapshots");
        assertThat(noBucket.exitCode()).isEqualTo(ExitCode.STORAGE_NOT_FOUND);
        assertThat(noBucket.stderr()).isEqualTo("cairn: bucket 'no-such-bucket' does not exist at " + S3.server().endpoint()
                + "\n");

        Map<String, String> wrong = new HashMap<>(LocalS3Server.env());
        wrong.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        CairnRunner.Result denied = cairn(S3.server().location("locked-bucket"), wrong).run("repo", "snapshots");
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
