package io.cairn.repository.restorer;

import static io.cairn.repository.restorer.TestRepo.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.Id;
import io.cairn.repository.tree.Node;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile trees and hostile targets: nothing may be written outside the target, ever. */
class RestorerSecurityTest {
    @TempDir
    Path tmp;

    private final TestRepo repo = new TestRepo(3);
    private Path target;
    private Path outside;
    private Path outsideFile;

    @BeforeEach
    void setUp() throws Exception {
        target = tmp.resolve("target");
        outside = Files.createDirectories(tmp.resolve("outside"));
        outsideFile = Files.writeString(tmp.resolve("precious"), "keep me");
    }

    private RestoreResult restore(Id tree) throws Exception {
        return new Restorer(repo, RestoreOptions.defaults().withThreads(2)).restoreTree(tree, target, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "../escape", "/abs", "nul\0byte"})
    void rejectsUnsafeNamesBeforeWritingAnything(String name) throws Exception {
        Id tree = repo.tree(repo.file("early", 0644, bytes(10, 1)), repo.file(name, 0644, bytes(10, 2)));
        assertThatThrownBy(() -> restore(tree)).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining(name.isEmpty() ? "empty node name" : "\"" + name.replace("\0", "\\0") + "\"");
        assertNothingWritten();
    }

    @Test
    void rejectsUnsafeNameDeepInTheTreeNamingItsPath() throws Exception {
        Id tree = repo.tree(repo.dir("ok", 0755, repo.dir("deeper", 0755, repo.file("..", 0644, bytes(5, 1)))));
        assertThatThrownBy(() -> restore(tree)).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("ok/deeper/..");
        assertNothingWritten();
    }

    @Test
    void rejectsSymlinkAndDirectoryOfTheSameName() throws Exception {
        Node link = TestRepo.symlink("a", outside.toString());
        Node dir = repo.dir("a", 0755, repo.file("pwned", 0644, bytes(10, 3)));
        for (Id tree : new Id[] {repo.rawTree(link, dir), repo.rawTree(dir, link)}) {
            assertThatThrownBy(() -> restore(tree)).isInstanceOf(UnsafePathException.class)
                    .hasMessageContaining("duplicate name \"a\"");
            assertNothingWritten();
        }
    }

    @Test
    void rejectsSymlinkAndFileOfTheSameName() throws Exception {
        Id tree = repo.rawTree(TestRepo.symlink("f", outsideFile.toString()), repo.file("f", 0644, bytes(10, 4)));
        assertThatThrownBy(() -> restore(tree)).isInstanceOf(UnsafePathException.class).hasMessageContaining("\"f\"");
        assertNothingWritten();
    }

    @Test
    void rejectsUnsafeNameOfASingleNode() throws Exception {
        Node node = repo.file("../up", 0644, bytes(10, 5));
        assertThatThrownBy(() -> new Restorer(repo).restoreNode(node, target, null))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("../up");
        assertThat(tmp.resolve("up")).doesNotExist();
    }

    @Test
    void replacesSymlinksAlreadyInTheTargetInsteadOfFollowingThem() throws Exception {
        Files.createDirectories(target);
        Files.createSymbolicLink(target.resolve("a"), outside);
        Files.createSymbolicLink(target.resolve("f"), outsideFile);
        Files.createSymbolicLink(target.resolve("dangling"), tmp.resolve("created-through-link"));
        byte[] data = bytes(100, 6);
        Id tree = repo.tree(repo.dir("a", 0755, repo.file("pwned", 0644, data)), repo.file("f", 0644, data),
                repo.file("dangling", 0644, data));
        RestoreResult result = restore(tree);
        assertThat(result.warnings()).isEmpty();
        assertThat(Files.isSymbolicLink(target.resolve("a"))).isFalse();
        assertThat(Files.readAllBytes(target.resolve("a/pwned"))).isEqualTo(data);
        assertThat(Files.readAllBytes(target.resolve("f"))).isEqualTo(data);
        assertThat(Files.readAllBytes(target.resolve("dangling"))).isEqualTo(data);
        assertOutsideUntouched();
        assertThat(tmp.resolve("created-through-link")).doesNotExist();
    }

    @Test
    void aSymlinkFromAnEarlierRestoreIsNotFollowedByALaterOne() throws Exception {
        restore(repo.tree(TestRepo.symlink("a", outside.toString()), TestRepo.symlink("f", outsideFile.toString())));
        assertThat(Files.isSymbolicLink(target.resolve("a"))).isTrue();
        byte[] data = bytes(100, 7);
        restore(repo.tree(repo.dir("a", 0700, repo.file("pwned", 0644, data)), repo.file("f", 0600, data)));
        assertThat(Files.readAllBytes(target.resolve("a/pwned"))).isEqualTo(data);
        assertOutsideUntouched();
        assertThat(Files.getAttribute(outside, "unix:mode")).isNotEqualTo(040700);
    }

    @Test
    void symlinksInTheTreeAreCreatedVerbatimButNeverWrittenThrough() throws Exception {
        Id tree = repo.tree(TestRepo.symlink("escape", "../../outside"), TestRepo.symlink("abs", outsideFile.toString()),
                repo.dir("d", 0755, TestRepo.symlink("up", ".."), repo.file("x", 0644, bytes(10, 8))));
        RestoreResult result = restore(tree);
        assertThat(result.warnings()).isEmpty();
        assertThat(Files.readSymbolicLink(target.resolve("escape")).toString()).isEqualTo("../../outside");
        assertThat(Files.readSymbolicLink(target.resolve("abs"))).isEqualTo(outsideFile);
        assertOutsideUntouched();
    }

    @Test
    void aDirectoryInTheWayOfAFileIsAWarningNotADeletion() throws Exception {
        Files.createDirectories(target.resolve("x"));
        Files.writeString(target.resolve("x/mine"), "mine");
        Id tree = repo.tree(repo.file("x", 0644, bytes(10, 9)), repo.file("y", 0644, bytes(10, 10)));
        RestoreResult result = restore(tree);
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("x");
            assertThat(w.message()).contains("directory is in the way");
        });
        assertThat(Files.readString(target.resolve("x/mine"))).isEqualTo("mine");
        assertThat(Files.readAllBytes(target.resolve("y"))).isEqualTo(bytes(10, 10));
    }

    @Test
    void aHardLinkWhoseFirstLinkCouldNotBeCreatedGetsTheContentItself() throws Exception {
        Files.createDirectories(target.resolve("h1"));
        byte[] data = bytes(50, 11);
        Id blob = repo.blob(data);
        Node h1 = TestRepo.node("h1", io.cairn.repository.tree.NodeType.FILE, 0644, 0, 9, 3, 50, null, java.util.List.of(blob), null, null);
        RestoreResult result = restore(repo.tree(h1, h1.withName("h2"), h1.withName("h3")));
        assertThat(result.warnings()).hasSize(1);
        assertThat(Files.readAllBytes(target.resolve("h2"))).isEqualTo(data);
        assertThat(Files.isSameFile(target.resolve("h2"), target.resolve("h3"))).isTrue();
    }

    private void assertNothingWritten() throws Exception {
        if (Files.exists(target)) {
            try (Stream<Path> s = Files.list(target)) {
                assertThat(s).isEmpty();
            }
        }
        assertOutsideUntouched();
    }

    private void assertOutsideUntouched() throws Exception {
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s).isEmpty();
        }
        assertThat(Files.readString(outsideFile)).isEqualTo("keep me");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).isSubsetOf("target", "outside", "precious");
        }
        assertThat(Files.isSymbolicLink(outsideFile)).isFalse();
        assertThat(Files.exists(outside, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
