package io.cairn.repository.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.tree.ExtendedAttribute;
import io.cairn.repository.tree.GoFileMode;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMetadataReaderTest {
    @TempDir
    Path dir;

    private final FileMetadataReader reader = new FileMetadataReader(false);

    static void sh(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", argv)).isZero();
    }

    @Test
    void regularFileHasSizeLinksTimesWithNanosAndSpecialModeBits() throws Exception {
        Path f = Files.write(dir.resolve("f"), new byte[1234]);
        sh("chmod", "4755", f.toString());
        Files.createLink(dir.resolve("hard"), f);
        Instant mtime = Instant.ofEpochSecond(1_600_000_000L, 123_456_789);
        Files.setLastModifiedTime(f, FileTime.from(mtime));

        Node n = reader.read(f, "name-in-tree");

        assertThat(n.name()).isEqualTo("name-in-tree");
        assertThat(n.type()).isEqualTo(NodeType.FILE);
        assertThat(n.mode()).isEqualTo(GoFileMode.SETUID | 0755);
        assertThat(n.size()).isEqualTo(1234);
        assertThat(n.links()).isEqualTo(2);
        assertThat(n.mtime().toInstant()).isEqualTo(mtime);
        assertThat(n.atime()).isEqualTo(n.mtime());
        assertThat(n.ctime().toInstant())
                .isEqualTo(((FileTime) Files.getAttribute(f, "unix:ctime")).toInstant());
        assertThat(n.inode()).isEqualTo((Long) Files.getAttribute(f, "unix:ino"));
        assertThat(n.deviceId()).isEqualTo((Long) Files.getAttribute(f, "unix:dev"));
        assertThat(n.uid()).isEqualTo(((Integer) Files.getAttribute(f, "unix:uid")).longValue());
        assertThat(n.user()).isEqualTo(Files.getOwner(f).getName());
        assertThat(n.content()).isNull();
        assertThat(n.subtree()).isNull();
    }

    @Test
    void withAtimeRecordsTheRealAccessTime() throws Exception {
        Path f = Files.write(dir.resolve("f"), new byte[1]);
        Files.setAttribute(f, "basic:lastAccessTime", FileTime.from(Instant.ofEpochSecond(1_000_000_000L, 5)));
        Node n = new FileMetadataReader(true).read(f, "f");
        assertThat(n.atime().toInstant()).isEqualTo(Instant.ofEpochSecond(1_000_000_000L, 5));
    }

    @Test
    void directorySymlinkAndFifoGetOnlyTheirFields() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("sub/missing"));
        Path fifo = dir.resolve("fifo");
        sh("/usr/bin/mkfifo", fifo.toString());

        Node d = reader.read(sub, "sub");
        assertThat(d.type()).isEqualTo(NodeType.DIR);
        assertThat(d.mode() & GoFileMode.DIR).isNotZero();
        assertThat(d.size()).isZero();
        assertThat(d.links()).isZero();
        assertThat(d.inode()).isNotZero();

        Node l = reader.read(link, "link");
        assertThat(l.type()).isEqualTo(NodeType.SYMLINK);
        assertThat(l.linkTarget()).isEqualTo("sub/missing");
        assertThat(l.mode() & GoFileMode.SYMLINK).isNotZero();
        assertThat(l.links()).isEqualTo(1);

        Node p = reader.read(fifo, "fifo");
        assertThat(p.type()).isEqualTo(NodeType.FIFO);
        assertThat(p.mode() & GoFileMode.NAMED_PIPE).isNotZero();
        assertThat(p.links()).isZero();
    }

    @Test
    void followLinksReadsTheTargetDirectory() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), sub);
        assertThat(reader.read(link, "x", true).type()).isEqualTo(NodeType.DIR);
    }

    @Test
    void userExtendedAttributesAreRecorded() throws Exception {
        Path f = Files.write(dir.resolve("f"), new byte[1]);
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(f, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            view.write("cairn", ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | UnsupportedOperationException e) {
            throw new AssertionError("this test needs a temp directory on a file system with user xattrs (ext4, xfs, "
                    + "tmpfs on Linux 6.6+); set java.io.tmpdir to one", e);
        }
        Node n = reader.read(f, "f");
        assertThat(n.extendedAttributes()).hasSize(1);
        ExtendedAttribute a = n.extendedAttributes().get(0);
        assertThat(a.name()).isEqualTo("user.cairn");
        assertThat(new String(a.value(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void extendedAttributesComeFromTheParentOnlyWhileCtimeAndInodeAreUnchanged() throws Exception {
        Path f = Files.write(dir.resolve("f"), new byte[1]);
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(f, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.write("cairn", ByteBuffer.wrap("one".getBytes(StandardCharsets.UTF_8)));
        Node first = reader.read(f, "f");
        assertThat(first.extendedAttributes()).hasSize(1);

        // unchanged: the recorded list is reused (a forged value proves it was not read again), user.* only
        Node forged = new Node("f", NodeType.FILE, first.mode(), first.mtime(), first.atime(), first.ctime(),
                first.uid(), first.gid(), first.user(), first.group(), first.inode(), first.deviceId(), first.size(),
                first.links(), null, java.util.List.of(new ExtendedAttribute("user.cairn", new byte[] {'p'}),
                        new ExtendedAttribute("security.selinux", new byte[] {'s'})), 0, null, null, null);
        Node again = reader.read(f, "f", forged);
        assertThat(again.extendedAttributes()).singleElement()
                .satisfies(a -> assertThat(new String(a.value(), StandardCharsets.UTF_8)).isEqualTo("p"));

        // setting an attribute moves ctime: read from the file again
        Thread.sleep(20);
        view.write("cairn", ByteBuffer.wrap("two".getBytes(StandardCharsets.UTF_8)));
        Node changed = reader.read(f, "f", forged);
        assertThat(changed.ctime()).isAfter(first.ctime());
        assertThat(changed.extendedAttributes()).singleElement()
                .satisfies(a -> assertThat(new String(a.value(), StandardCharsets.UTF_8)).isEqualTo("two"));

        // removing it too
        Thread.sleep(20);
        view.delete("cairn");
        assertThat(reader.read(f, "f", changed).extendedAttributes()).isNull();
    }
}
