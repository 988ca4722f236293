package io.cairn.repository.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging directories of killed processes are removed by the next process; live or recent ones are kept. */
class PackStagingTest {
    @TempDir
    Path tmp;

    @Test
    void removesOnlyOldDirectoriesOfProcessesThatAreGone() throws Exception {
        long gone = finishedProcessPid();
        long alive = ProcessHandle.current().pid();
        Instant twoHoursAgo = Instant.now().minus(PackStaging.ABANDONED_AFTER).minusSeconds(3600);
        Path abandoned = staged("cairn-packs-" + gone + "-123", twoHoursAgo);
        Path recent = staged("cairn-packs-" + gone + "-456", Instant.now());
        Path live = staged("cairn-packs-" + alive + "-789", twoHoursAgo);
        Path olderVersion = staged("cairn-packs-8123456789", twoHoursAgo);
        Path other = staged("other-" + gone + "-1", twoHoursAgo);

        Path mine = PackStaging.create(tmp);

        assertThat(abandoned).doesNotExist();
        assertThat(recent).isDirectory();
        assertThat(live).isDirectory();
        assertThat(olderVersion).isDirectory();
        assertThat(other).isDirectory();
        assertThat(mine).isDirectory().isEmptyDirectory();
        assertThat(PackStaging.ownerPid(mine.getFileName().toString())).contains(alive);
    }

    @Test
    void ownerPidReadsOnlyItsOwnNames() {
        assertThat(PackStaging.ownerPid("cairn-packs-42-99")).contains(42L);
        assertThat(PackStaging.ownerPid("cairn-packs-99")).isEmpty();
        assertThat(PackStaging.ownerPid("cairn-packs--99")).isEmpty();
        assertThat(PackStaging.ownerPid("cairn-packs-x-99")).isEmpty();
        assertThat(PackStaging.ownerPid("cairn-cache-42-99")).isEqualTo(Optional.empty());
    }

    /** A directory with a staged pack in it, last written at {@code when}. */
    private Path staged(String name, Instant when) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        Files.write(dir.resolve(".tmp-pack-1"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(dir, FileTime.from(when));
        return dir;
    }

    private static long finishedProcessPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertThat(ProcessHandle.of(p.pid())).isEmpty();
        return p.pid();
    }
}
