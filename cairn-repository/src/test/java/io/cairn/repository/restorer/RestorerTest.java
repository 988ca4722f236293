package io.cairn.repository.restorer;

import static io.cairn.repository.restorer.TestRepo.T1;
import static io.cairn.repository.restorer.TestRepo.T2;
import static io.cairn.repository.restorer.TestRepo.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.tree.ExtendedAttribute;
import io.cairn.repository.tree.GoFileMode;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestorerTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path tmp;

    private final TestRepo repo = new TestRepo(2);

    private Restorer restorer() {
        return new Restorer(repo, RestoreOptions.defaults().withThreads(2));
    }

    @Test
    void restoresFilesDirectoriesLinksAndMetadata() throws Exception {
        byte[] a = bytes(5000, 1);
        byte[] b = bytes(3000, 2);
        byte[] zeros = new byte[256 * 1024];
        Node setuid = repo.file("tool", 0755 | (int) GoFileMode.SETUID);
        Node h1 = TestRepo.node("h1", NodeType.FILE, 0640, 0, 77, 2, a.length, null, List.of(repo.blob(a)), null, null);
        Node h2 = TestRepo.node("h2", NodeType.FILE, 0640, 0, 77, 2, a.length, null, List.of(repo.blob(a)), null, null);
        Node tagged = TestRepo.node("tagged", NodeType.FILE, 0600, 0, 0, 1, 0, null, List.of(), null,
                List.of(new ExtendedAttribute("user.cairn", new byte[] {1, 2, 3})));
        Id root = repo.tree(
                repo.file("multi", 0644, a, b),
                repo.file("empty", 0600),
                repo.file("dup", 0644, b, b),
                repo.file("sparse", 0644, a, zeros, b, zeros),
                repo.dir("sub", 0750 | (int) GoFileMode.SETGID, setuid, repo.dir("emptydir", 0700)),
                TestRepo.symlink("link", "../outside//x/"),
                TestRepo.special("pipe", NodeType.FIFO, GoFileMode.NAMED_PIPE | 0620),
                h1, h2, tagged);

        Path target = tmp.resolve("target");
        RestoreResult result = restorer().restoreTree(root, target, null);

        // times first: reading content moves atime (relatime) since atime < mtime here
        for (String p : List.of("multi", "sub", "sub/emptydir", "sub/tool", "link", "pipe", "h1", "sparse")) {
            assertThat(Files.getLastModifiedTime(target.resolve(p), NOFOLLOW)).as(p).isEqualTo(FileTime.from(T1.toInstant()));
            assertThat(Files.getAttribute(target.resolve(p), "lastAccessTime", NOFOLLOW)).as(p)
                    .isEqualTo(FileTime.from(T2.toInstant()));
        }
        assertThat(result.warnings()).isEmpty();
        assertThat(result.files()).isEqualTo(8);
        assertThat(result.dirs()).isEqualTo(2);
        assertThat(Files.readAllBytes(target.resolve("multi"))).isEqualTo(concat(a, b));
        assertThat(Files.size(target.resolve("empty"))).isZero();
        assertThat(Files.readAllBytes(target.resolve("dup"))).isEqualTo(concat(b, b));
        byte[] sparse = concat(a, zeros, b, zeros);
        assertThat(Files.readAllBytes(target.resolve("sparse"))).isEqualTo(sparse);
        assertThat(allocatedBytes(target.resolve("sparse"))).isLessThan(sparse.length / 2);
        assertThat(Files.readSymbolicLink(target.resolve("link")).toString()).isEqualTo("../outside/x");
        assertThat(mode(target.resolve("pipe")) & 0170000).isEqualTo(0010000);
        assertThat(mode(target.resolve("pipe")) & 07777).isEqualTo(0620);
        assertThat(Files.isSameFile(target.resolve("h1"), target.resolve("h2"))).isTrue();
        assertThat(Files.readAllBytes(target.resolve("h2"))).isEqualTo(a);
        assertThat(mode(target.resolve("sub/tool")) & 07777).isEqualTo(04755);
        assertThat(mode(target.resolve("sub")) & 07777).isEqualTo(02750);
        assertThat(mode(target.resolve("sub/emptydir")) & 07777).isEqualTo(0700);
        assertThat(mode(target.resolve("empty")) & 07777).isEqualTo(0600);
        UserDefinedFileAttributeView xattrs = Files.getFileAttributeView(target.resolve("tagged"),
                UserDefinedFileAttributeView.class);
        ByteBuffer value = ByteBuffer.allocate(3);
        xattrs.read("cairn", value);
        assertThat(value.array()).containsExactly(1, 2, 3);
    }

    @Test
    void restoresOwnershipWhenRoot() throws Exception {
        assertThat(RestoreOptions.runningAsRoot()).as("restoring ownership needs root: run the tests as root (CI does)").isTrue();
        Node owned = TestRepo.node("owned", NodeType.FILE, 0644, 1234, 0, 1, 0, null, List.of(), null, null);
        Node link = TestRepo.node("ln", NodeType.SYMLINK, GoFileMode.SYMLINK | 0777, 4321, 0, 1, 0, "owned", null, null,
                null);
        Id root = repo.tree(owned, link, repo.dir("d", 0755, owned));
        Path target = tmp.resolve("t");
        RestoreResult result = new Restorer(repo, new RestoreOptions(1, true)).restoreTree(root, target, null);
        assertThat(result.warnings()).isEmpty();
        assertThat(Files.getAttribute(target.resolve("owned"), "unix:uid")).isEqualTo(1234);
        assertThat(Files.getAttribute(target.resolve("owned"), "unix:gid")).isEqualTo(1234);
        assertThat(Files.getAttribute(target.resolve("d/owned"), "unix:uid")).isEqualTo(1234);
        assertThat(Files.getAttribute(target.resolve("ln"), "unix:uid", NOFOLLOW)).isEqualTo(4321);
    }

    @Test
    void deviceNodesAreSkippedWithWarningUnlessOwnershipIsRestored() throws Exception {
        Node dev = new Node("null", NodeType.CHARDEV, GoFileMode.DEVICE | GoFileMode.CHAR_DEVICE | 0666, T1, T2, T1, 0,
                0, null, null, 0, 0, 0, 1, null, null, (1 << 8) | 3, null, null, null);
        Id root = repo.tree(dev);
        RestoreResult skipped = new Restorer(repo, new RestoreOptions(1, false)).restoreTree(root, tmp.resolve("a"), null);
        assertThat(skipped.warnings()).singleElement().hasToString("null: device node not restored: needs root");
        assertThat(tmp.resolve("a/null")).doesNotExist();
        if (RestoreOptions.runningAsRoot()) {
            RestoreResult made = new Restorer(repo, new RestoreOptions(1, true)).restoreTree(root, tmp.resolve("b"), null);
            assertThat(made.warnings()).isEmpty();
            assertThat(Files.getAttribute(tmp.resolve("b/null"), "unix:rdev", NOFOLLOW)).isEqualTo((long) ((1 << 8) | 3));
        }
    }

    @Test
    void socketsAndIrregularFilesAreSkippedWithWarnings() throws Exception {
        Node socket = new Node("sock", NodeType.SOCKET, GoFileMode.SOCKET | 0755, T1, T2, T1, 0, 0, null, null, 0, 0, 0, 1,
                null, null, 0, null, null, null);
        Node irregular = new Node("reparse", NodeType.IRREGULAR, 0644, T1, T2, T1, 0, 0, null, null, 0, 0, 5, 1, null,
                null, 0, null, null, null);
        Id root = repo.tree(irregular, socket);
        RestoreResult result = new Restorer(repo, new RestoreOptions(1, false)).restoreTree(root, tmp.resolve("a"), null);
        assertThat(result.warnings()).map(Object::toString).containsExactly(
                "reparse: not restored: restic recorded it as an irregular file", "sock: sockets are not restored");
        assertThat(tmp.resolve("a")).isEmptyDirectory();
    }

    @Test
    void listenerGetsTotalsFirstAndProgressToTheEnd() throws Exception {
        byte[] a = bytes(1000, 3);
        Id root = repo.tree(repo.file("x", 0644, a, a), repo.dir("d", 0755, repo.file("y", 0644, a), repo.file("e", 0644)));
        List<String> events = new ArrayList<>();
        long[] last = new long[2];
        RestoreListener listener = new RestoreListener() {
            @Override
            public void started(long totalFiles, long totalBytes) {
                events.add("started " + totalFiles + " " + totalBytes);
            }

            @Override
            public void progress(long filesDone, long bytesDone) {
                last[0] = filesDone;
                last[1] = bytesDone;
            }

            @Override
            public void finished(RestoreResult result) {
                events.add("finished " + result.files() + " " + result.bytes());
            }
        };
        restorer().restoreTree(root, tmp.resolve("t"), listener);
        assertThat(events).containsExactly("started 3 3000", "finished 3 3000");
        assertThat(last).containsExactly(3, 3000);
    }

    @Test
    void eachBlobIsLoadedOnceEvenWhenManyFilesNeedIt() throws Exception {
        byte[] shared = bytes(4096, 4);
        List<Node> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            files.add(repo.file("f" + i, 0644, bytes(100 + i, 100 + i), shared, bytes(50, 200 + i), shared));
        }
        Id root = repo.tree(files.toArray(Node[]::new));
        restorer().restoreTree(root, tmp.resolve("t"), null);
        assertThat(repo.loads(Id.hash(shared))).isEqualTo(1);
        for (int i = 0; i < 12; i++) {
            assertThat(Files.readAllBytes(tmp.resolve("t/f" + i)))
                    .isEqualTo(concat(bytes(100 + i, 100 + i), shared, bytes(50, 200 + i), shared));
        }
    }

    @Test
    void overwritesExistingFilesOfTheSameName() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("t"));
        Files.write(target.resolve("x"), bytes(10000, 5));
        Files.write(target.resolve("keep"), new byte[] {9});
        byte[] a = bytes(100, 6);
        restorer().restoreTree(repo.tree(repo.file("x", 0644, a)), target, null);
        assertThat(Files.readAllBytes(target.resolve("x"))).isEqualTo(a);
        assertThat(Files.readAllBytes(target.resolve("keep"))).containsExactly(9);
    }

    @Test
    void corruptBlobStopsTheRestoreNamingPackAndFile() throws Exception {
        byte[] good = bytes(100, 7);
        byte[] bad = bytes(200, 8);
        Id root = repo.tree(repo.file("ok", 0644, good), repo.dir("d", 0755, repo.file("victim", 0644, good, bad)));
        repo.corrupt(Id.hash(bad));
        Id pack = repo.packOf(Id.hash(bad));
        assertThatThrownBy(() -> restorer().restoreTree(root, tmp.resolve("t"), null))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("d/victim")
                .hasMessageContaining(pack.toString());
        byte[] written = Files.readAllBytes(tmp.resolve("t/d/victim"));
        assertThat(java.util.Arrays.copyOfRange(written, 100, written.length)).containsOnly(0);
    }

    @Test
    void restoresASingleFileNodeOrASubdirectory() throws Exception {
        byte[] a = bytes(300, 9);
        Id root = repo.tree(repo.dir("etc", 0755, repo.file("hosts", 0644, a), repo.dir("conf.d", 0755,
                repo.file("x.conf", 0600, a))));
        TreeNavigator nav = new TreeNavigator(repo);
        RestoreResult one = restorer().restoreNode(nav.resolve(root, "etc/hosts"), tmp.resolve("one"), null);
        assertThat(one.files()).isEqualTo(1);
        assertThat(Files.readAllBytes(tmp.resolve("one/hosts"))).isEqualTo(a);
        try (var list = Files.list(tmp.resolve("one"))) {
            assertThat(list).hasSize(1);
        }
        Node sub = nav.resolve(root, "/etc/conf.d/");
        restorer().restoreTree(sub.subtree(), tmp.resolve("sub"), null);
        assertThat(Files.readAllBytes(tmp.resolve("sub/x.conf"))).isEqualTo(a);
        restorer().restoreNode(sub, tmp.resolve("dirnode"), null);
        assertThat(Files.readAllBytes(tmp.resolve("dirnode/conf.d/x.conf"))).isEqualTo(a);
        assertThat(mode(tmp.resolve("dirnode/conf.d/x.conf")) & 0777).isEqualTo(0600);
    }

    @Test
    void timesKeepEveryNanosecondAndMissingTimesAreNotSet() throws Exception {
        // (the JDK sets times before 1970 as 1970 and after 2262 as 2262, so those cannot be checked here)
        OffsetDateTime mtime = OffsetDateTime.parse("2100-07-20T20:17:40.000000001Z");
        OffsetDateTime atime = OffsetDateTime.parse("2000-01-01T00:00:00.999999999+02:00");
        Node odd = new Node("odd", NodeType.FILE, 0644, mtime, atime, null, 0, 0, null, null, 0, 0, 0, 1, null, null, 0,
                List.of(), null, null);
        Node oddPipe = new Node("odd-pipe", NodeType.FIFO, GoFileMode.NAMED_PIPE | 0644, mtime, atime, null, 0, 0, null,
                null, 0, 0, 0, 0, null, null, 0, null, null, null);
        Node timeless = new Node("timeless", NodeType.FILE, 0644, null, null, null, 0, 0, null, null, 0, 0, 0, 1, null,
                null, 0, List.of(), null, null);
        Id root = repo.tree(odd, oddPipe, timeless);

        FileTime before = FileTime.from(java.time.Instant.now().minusSeconds(60));
        RestoreResult result = restorer().restoreTree(root, tmp.resolve("t"), null);

        assertThat(result.warnings()).isEmpty();
        for (String p : List.of("odd", "odd-pipe")) {
            assertThat(Files.getLastModifiedTime(tmp.resolve("t").resolve(p), NOFOLLOW)).as(p)
                    .isEqualTo(FileTime.from(mtime.toInstant()));
            assertThat(Files.getAttribute(tmp.resolve("t").resolve(p), "lastAccessTime", NOFOLLOW)).as(p)
                    .isEqualTo(FileTime.from(atime.toInstant()));
        }
        assertThat(Files.getLastModifiedTime(tmp.resolve("t/timeless"), NOFOLLOW)).isGreaterThan(before);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            buf.put(p);
        }
        return buf.array();
    }

    static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW);
    }

    private static long allocatedBytes(Path p) throws Exception {
        Process proc = new ProcessBuilder("stat", "-c", "%b %B", p.toString()).start();
        String[] out = new String(proc.getInputStream().readAllBytes()).trim().split(" ");
        proc.waitFor();
        return Long.parseLong(out[0]) * Long.parseLong(out[1]);
    }
}
