package io.cairn.repository.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache root: tagged, one directory per repository, and directories of long-unused repositories removed. */
class CacheDirectoryTest {
    @TempDir
    Path root;

    private static final String USED = "a".repeat(64);
    private static final String STALE = "b".repeat(64);
    private static final String RECENT = "c".repeat(64);

    @Test
    void preparesATaggedDirectoryAndRemovesThoseUnusedForThirtyDays() throws IOException {
        Instant now = Instant.now();
        Path stale = repositoryDir(STALE, now.minus(CacheDirectory.MAX_AGE).minus(Duration.ofDays(1)));
        Path recent = repositoryDir(RECENT, now.minus(CacheDirectory.MAX_AGE).plus(Duration.ofDays(1)));
        Path oldOther = Files.createDirectory(root.resolve("not-a-repository"));
        Files.setLastModifiedTime(oldOther, FileTime.from(now.minus(Duration.ofDays(400))));
        Path used = repositoryDir(USED, now.minus(Duration.ofDays(400)));

        Path dir = CacheDirectory.prepare(root, USED);

        assertThat(dir).isEqualTo(used).isDirectory();
        assertThat(dir.resolve("index/x")).exists(); // the used one is kept, with its files, and marked as used
        assertThat(Files.getLastModifiedTime(dir).toInstant()).isAfter(now.minusSeconds(60));
        assertThat(stale).doesNotExist();
        assertThat(recent).isDirectory();
        assertThat(oldOther).isDirectory();
        assertThat(root.resolve("CACHEDIR.TAG")).content().startsWith("Signature: 8a477f597d28d172789f06886806bc55");
    }

    @Test
    void aDirectoryWhoseCopiesChangedRecentlyIsInUse() throws IOException {
        Instant now = Instant.now();
        Path old = repositoryDir(STALE, now.minus(Duration.ofDays(400)));
        Files.setLastModifiedTime(old.resolve("index"), FileTime.from(now.minus(Duration.ofDays(2))));

        CacheDirectory.removeUnused(root, now);

        assertThat(old).isDirectory(); // made long ago, marked by no earlier version, but its index changed
    }

    @Test
    void refusesAnIdThatIsNotARepositoryId() {
        assertThatThrownBy(() -> CacheDirectory.prepare(root, "../etc")).isInstanceOf(IOException.class)
                .hasMessageContaining("is not 64 hex digits");
    }

    private Path repositoryDir(String id, Instant lastUsed) throws IOException {
        Path dir = Files.createDirectories(root.resolve(id).resolve("index"));
        Files.write(dir.resolve("x"), new byte[] {1});
        Files.setLastModifiedTime(dir, FileTime.from(lastUsed));
        Files.setLastModifiedTime(root.resolve(id), FileTime.from(lastUsed));
        return root.resolve(id);
    }
}
