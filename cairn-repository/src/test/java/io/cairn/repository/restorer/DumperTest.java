package io.cairn.repository.restorer;

import static io.cairn.repository.restorer.TestRepo.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.RepositoryException;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dumper and TreeNavigator (resolve, recursive listing). */
class DumperTest {
    private final TestRepo repo = new TestRepo(4);
    private final byte[] a = bytes(700, 1);
    private final byte[] b = bytes(300, 2);
    private final Id root;

    DumperTest() throws Exception {
        root = repo.tree(repo.file("top", 0644, a),
                repo.dir("a", 0755, repo.dir("b", 0755, repo.file("c", 0644, a, b, a)), repo.file("z", 0644)),
                TestRepo.symlink("l", "a/b"));
    }

    @Test
    void dumpsAFileByPath() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = new Dumper(repo).dump(root, "/a/b/c", out);
        assertThat(n).isEqualTo(1700);
        assertThat(out.toByteArray()).isEqualTo(RestorerTest.concat(a, b, a));
    }

    @Test
    void refusesToDumpADirectory() {
        assertThatThrownBy(() -> new Dumper(repo).dump(root, "a/b", new ByteArrayOutputStream()))
                .isInstanceOf(RepositoryException.class).hasMessage("a/b is a dir, not a file");
    }

    @Test
    void corruptBlobWhileDumpingNamesTheFile() throws Exception {
        repo.corrupt(Id.hash(b));
        assertThatThrownBy(() -> new Dumper(repo).dump(root, "a/b/c", new ByteArrayOutputStream()))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("a/b/c")
                .hasMessageContaining(repo.packOf(Id.hash(b)).toString());
    }

    @Test
    void resolvesPathsAndReportsMissingOnes() throws Exception {
        TreeNavigator nav = new TreeNavigator(repo);
        assertThat(nav.resolve(root, "a/b/c").size()).isEqualTo(1700);
        assertThat(nav.resolve(root, "//a/./b/").type()).isEqualTo(NodeType.DIR);
        assertThat(nav.resolve(root, "/").subtree()).isEqualTo(root);
        assertThat(nav.resolve(root, "l").linkTarget()).isEqualTo("a/b");
        assertThatThrownBy(() -> nav.resolve(root, "a/b/missing")).isInstanceOf(NotFoundException.class)
                .hasMessage("path a/b/missing not found in snapshot");
        assertThatThrownBy(() -> nav.resolve(root, "top/below")).isInstanceOf(NotFoundException.class)
                .hasMessage("path top/below not found in snapshot");
        assertThatThrownBy(() -> nav.resolve(root, "l/c")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void listsRecursivelyDirectoriesBeforeTheirContents() {
        List<String> paths = new ArrayList<>();
        new TreeNavigator(repo).list(root).forEachRemaining(e -> paths.add(e.path() + " " + e.node().type().jsonName()));
        assertThat(paths).containsExactly("a dir", "a/b dir", "a/b/c file", "a/z file", "l symlink", "top file");
    }

    @Test
    void listsASubtree() throws Exception {
        Node sub = new TreeNavigator(repo).resolve(root, "a");
        List<String> paths = new ArrayList<>();
        new TreeNavigator(repo).list(sub.subtree()).forEachRemaining(e -> paths.add(e.path()));
        assertThat(paths).containsExactly("b", "b/c", "z");
    }
}
