package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.backend.LocalBackend;
import io.cairn.repository.key.ScryptParams;
import io.cairn.repository.snapshot.Snapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryTest {
    static final ScryptParams CHEAP = new ScryptParams(16, 1, 1);
    private static final char[] PASSWORD = "pw".toCharArray();
    private static final OffsetDateTime T0 = OffsetDateTime.of(2024, 5, 1, 12, 0, 0, 123456789, ZoneOffset.ofHours(2));

    @TempDir
    Path dir;

    private Repository init() throws Exception {
        return Repository.init(new LocalBackend(dir), PASSWORD, 2, CHEAP);
    }

    static Snapshot snapshot(OffsetDateTime time, String host, List<String> tags) {
        Id tree = Id.hash(("tree" + time + host).getBytes(StandardCharsets.UTF_8));
        return new Snapshot(time, null, tree, List.of("/data"), host, "root", 0, 0, null, tags, null, null);
    }

    @Test
    void initThenOpenSeesTheSameConfigAndKey() throws Exception {
        Repository created = init();
        Repository opened = Repository.open(new LocalBackend(dir), PASSWORD);

        assertThat(opened.config().version()).isEqualTo(2);
        assertThat(opened.config().id()).isEqualTo(created.config().id());
        assertThat(opened.polynomial().toHex()).isEqualTo(created.polynomial().toHex());
        assertThat(opened.keyId()).isEqualTo(created.keyId());
        assertThat(opened.blobs()).isSameAs(opened.blobs());
        opened.close();
    }

    @Test
    void initRefusesAnExistingRepository() throws Exception {
        init();
        assertThatThrownBy(this::init).isInstanceOf(RepositoryException.class).hasMessageContaining("already holds a repository");
    }

    @Test
    void openingAnEmptyLocationSuggestsInit() {
        assertThatThrownBy(() -> Repository.open(new LocalBackend(dir.resolve("nothing")), PASSWORD))
                .isInstanceOf(NotARepositoryException.class)
                .hasMessageContaining(dir.resolve("nothing").toString())
                .hasMessageContaining("cairn repo init");
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        init();
        assertThatThrownBy(() -> Repository.open(new LocalBackend(dir), "nope".toCharArray()))
                .isInstanceOf(WrongPasswordException.class);
    }

    @Test
    void newerFormatVersionIsRejected() throws Exception {
        Repository repo = init();
        String json = "{\"version\":3,\"id\":\"" + repo.config().id() + "\",\"chunker_polynomial\":\"3da3358b4dc173\"}";
        Files.delete(dir.resolve("config"));
        repo.backend().save(Handle.CONFIG, repo.masterKey().seal(json.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> Repository.open(new LocalBackend(dir), PASSWORD))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("version 3 is newer than this Cairn supports");
    }

    @Test
    void version1RepositoryOpensAndStoresSnapshotsUncompressed() throws Exception {
        Repository.init(new LocalBackend(dir), PASSWORD, 1, CHEAP);
        Repository repo = Repository.open(new LocalBackend(dir), PASSWORD);
        assertThat(repo.config().version()).isEqualTo(1);
        assertThat(repo.blobs()).isNotNull();

        Id id = repo.saveSnapshot(snapshot(T0, "h", null));

        byte[] plain = repo.masterKey().open(repo.backend().load(Handle.of(FileType.SNAPSHOT, id)));
        assertThat(plain[0]).isEqualTo((byte) '{');
        assertThat(repo.loadSnapshot(id).time()).isEqualTo(T0);
    }

    @Test
    void snapshotRoundTripIsCompressedInVersion2() throws Exception {
        Repository repo = init();
        Snapshot s = snapshot(T0, "cluster-a", List.of("cairn", "backup=nightly"));

        Id id = repo.saveSnapshot(s);

        byte[] plain = repo.masterKey().open(repo.backend().load(Handle.of(FileType.SNAPSHOT, id)));
        assertThat(plain[0]).isEqualTo((byte) 2);
        assertThat(repo.loadSnapshot(id)).isEqualTo(s.withId(id));
    }

    @Test
    void listIsSortedByTimeAndFindResolvesIdsPrefixesAndLatest() throws Exception {
        Repository repo = init();
        Id middle = repo.saveSnapshot(snapshot(T0.plusHours(1), "b", List.of("x")));
        Id newest = repo.saveSnapshot(snapshot(T0.plusHours(2), "c", null));
        Id oldest = repo.saveSnapshot(snapshot(T0, "a", List.of("x")));

        assertThat(repo.listSnapshots()).extracting(Snapshot::id).containsExactly(oldest, middle, newest);
        assertThat(repo.findSnapshot(middle.toString()).id()).isEqualTo(middle);
        assertThat(repo.findSnapshot(middle.toString().substring(0, 12).toUpperCase()).id()).isEqualTo(middle);
        assertThat(repo.findSnapshot("latest").id()).isEqualTo(newest);
        assertThat(repo.findLatest(s -> s.hasTag("x")).id()).isEqualTo(middle);
        assertThat(repo.findLatest(s -> "a".equals(s.hostname())).id()).isEqualTo(oldest);
    }

    @Test
    void findReportsMissingAndAmbiguousReferences() throws Exception {
        Repository repo = init();
        assertThatThrownBy(() -> repo.findSnapshot("latest")).isInstanceOf(NotFoundException.class);
        Map<Character, Integer> firstDigits = new HashMap<>();
        Character shared = null;
        for (int i = 0; shared == null; i++) { // at most 17 snapshots until two share a first hex digit
            Id id = repo.saveSnapshot(snapshot(T0.plusSeconds(i), "h", null));
            if (firstDigits.merge(id.toString().charAt(0), 1, Integer::sum) == 2) {
                shared = id.toString().charAt(0);
            }
        }

        assertThatThrownBy(() -> repo.findSnapshot("zz")).isInstanceOf(NotFoundException.class)
                .hasMessage("no snapshot matches 'zz'");
        String missing = "0".repeat(64);
        assertThatThrownBy(() -> repo.findSnapshot(missing)).isInstanceOf(NotFoundException.class);
        String prefix = String.valueOf(shared);
        assertThatThrownBy(() -> repo.findSnapshot(prefix))
                .isInstanceOf(RepositoryException.class)
                .isNotInstanceOf(NotFoundException.class)
                .hasMessageContaining("ambiguous")
                .hasMessageContaining("2 snapshots");
    }

    @Test
    void aDamagedSnapshotFileIsReportedAsCorrupt() throws Exception {
        Repository repo = init();
        Id id = repo.saveSnapshot(snapshot(T0, "h", null));
        Path file = dir.resolve(Handle.of(FileType.SNAPSHOT, id).relativePath());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.delete(file);
        Files.write(file, bytes);

        assertThatThrownBy(() -> repo.loadSnapshot(id)).isInstanceOf(CorruptDataException.class);
        assertThatThrownBy(() -> repo.findSnapshot("latest")).isInstanceOf(CorruptDataException.class);
    }

    @Test
    void keysAreBoundToTheRepository() throws Exception {
        Repository repo = init();
        repo.keys().add("second".toCharArray(), "u", "h", CHEAP);

        Repository again = Repository.open(new LocalBackend(dir), "second".toCharArray());
        assertThat(again.keys().list()).hasSize(2);
        assertThat(again.config().id()).isEqualTo(repo.config().id());
    }
}
