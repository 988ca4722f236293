package io.cairn.kube.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.kube.restore.testing.BackupTreeBuilder;
import io.cairn.kube.testing.TestRepository;
import io.cairn.repository.Id;
import io.cairn.repository.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ObjectArchiveReaderTest {
    @RegisterExtension
    final TestRepository repo = new TestRepository();

    @Test
    void streamsObjectsWithTheirCoordinatesAndConcatenatedContent() throws Exception {
        // larger than a chunk: stored as several data blobs that the reader concatenates
        String big = "{\"kind\":\"ConfigMap\",\"data\":{\"k\":\"" + "x".repeat(ObjectArchiveWriter.CHUNK_SIZE * 2) + "\"}}";
        Id root = new BackupTreeBuilder()
                .manifest("{\"name\":\"b1\"}")
                .object("shop", "apps", "deployments", "web", "{\"kind\":\"Deployment\"}")
                .object("shop", "", "configmaps", "big", big)
                .object(null, "", "namespaces", "shop", "{\"kind\":\"Namespace\"}")
                .write(repo.blobs());
        ObjectArchiveReader reader = new ObjectArchiveReader(repo.blobs(), root);

        List<String> seen = new ArrayList<>();
        reader.forEachObject(o -> seen.add(o.namespace() + "|" + o.group() + "|" + o.resource() + "|" + o.name()
                + "|" + new String(o.json(), StandardCharsets.UTF_8)));

        assertThat(seen).containsExactly(
                "null||namespaces|shop|{\"kind\":\"Namespace\"}",
                "shop|apps|deployments|web|{\"kind\":\"Deployment\"}",
                "shop||configmaps|big|" + big);
        assertThat(new String(reader.manifest(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"b1\"}");
    }

    @Test
    void listsResourceDirectoriesWithoutLoadingObjects() throws Exception {
        Id root = new BackupTreeBuilder()
                .object("a", "", "secrets", "s", "{}")
                .object("b", "rbac.authorization.k8s.io", "roles", "r", "{}")
                .write(repo.blobs());
        assertThat(new ObjectArchiveReader(repo.blobs(), root).resourceDirectories())
                .extracting(d -> d.namespace() + "/" + d.group() + "/" + d.resource())
                .containsExactly("a//secrets", "b/rbac.authorization.k8s.io/roles");
    }

    @Test
    void backupWithoutManifestOrResources() throws Exception {
        Id root = new BackupTreeBuilder().write(repo.blobs());
        ObjectArchiveReader reader = new ObjectArchiveReader(repo.blobs(), root);
        assertThat(reader.resourceDirectories()).isEmpty();
        assertThatThrownBy(reader::manifest).isInstanceOf(NotFoundException.class).hasMessageContaining("backup.json");
    }
}
