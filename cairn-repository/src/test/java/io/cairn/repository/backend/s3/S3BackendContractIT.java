package io.cairn.repository.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.BackendAuthException;
import io.cairn.repository.backend.BackendMissingException;
import io.cairn.repository.backend.BackendUnreachableException;
import io.cairn.repository.backend.BackendContractTest;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.Id;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The backend contract against a real S3 server (S3Proxy), plus S3 specifics: layout, paging, multipart. */
class S3BackendContractIT extends BackendContractTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();
    private static int buckets;

    @Override
    protected Backend newBackend(Path dir) {
        return new S3Backend(S3Location.parse(S3.server().location("bucket" + (++buckets) + "/some/prefix")),
                LocalS3Server.options());
    }

    @Override
    protected int largeFileSize() {
        return 11 * 1024 * 1024 + 123; // above the 5 MiB threshold: three parts, the last one folded
    }

    @Test
    void filesLandUnderResticsKeysBelowThePrefix() throws Exception {
        backend.create();
        byte[] data = bytes(10, 1);
        Handle p = pack(data);
        backend.save(p, data);
        backend.save(Handle.CONFIG, data);
        Path bucket = S3.server().directory().resolve("bucket" + buckets);
        assertThat(bucket.resolve("some/prefix/data/" + p.name().substring(0, 2) + "/" + p.name())).exists();
        assertThat(bucket.resolve("some/prefix/config")).exists();
    }

    @Test
    void aMissingBucketIsReportedAsSuch() throws Exception {
        assertThatThrownBy(() -> backend.list(FileType.SNAPSHOT)).isInstanceOf(BackendMissingException.class)
                .hasMessageContaining("bucket 'bucket" + buckets + "' does not exist");
        backend.create(); // creates the bucket, as restic does
        assertThat(backend.list(FileType.SNAPSHOT)).isEmpty();
    }

    @Test
    void wrongCredentialsAreAnAuthError() throws Exception {
        try (S3Backend bad = new S3Backend(S3Location.parse(S3.server().location("bucket" + buckets)),
                S3Options.defaults(StaticCredentialsProvider.create(AwsBasicCredentials.create("nobody", "wrong"))))) {
            assertThatThrownBy(() -> bad.list(FileType.SNAPSHOT)).isInstanceOf(BackendAuthException.class)
                    .hasMessageContaining("access denied");
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (S3Backend none = new S3Backend(S3Location.parse("s3:http://127.0.0.1:" + port + "/bkt"),
                LocalS3Server.options())) {
            assertThatThrownBy(() -> none.exists(Handle.CONFIG)).isInstanceOf(BackendUnreachableException.class)
                    .hasMessageContaining("cannot reach http://127.0.0.1:" + port);
        }
    }

    @Test
    void listingFollowsPages() throws Exception {
        backend.create();
        ((S3Backend) backend).listPageSize(3);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            byte[] data = bytes(5, 1000 + i);
            Handle h = Handle.of(FileType.INDEX, Id.hash(data));
            backend.save(h, data);
            names.add(h.name());
        }
        assertThat(backend.list(FileType.INDEX)).extracting(FileInfo::name).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void packsAreStagedInAPrivateTemporaryDirectoryThatCloseRemoves() throws Exception {
        Path staging = backend.stagingDirectory();
        assertThat(staging).isDirectory().isNotEqualTo(tmp);
        Files.write(staging.resolve(".tmp-pack-1"), new byte[] {1}); // as a pack cut short would leave it
        backend.close();
        assertThat(staging).doesNotExist();
        backend = null;
    }
}
