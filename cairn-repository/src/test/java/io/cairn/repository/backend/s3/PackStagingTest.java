package io.cairn.repository.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging directories whose process is gone are removed by the next process; live ones are kept. */
class PackStagingTest {
    @TempDir
    Path tmp;

    @Test
    void removesOnlyDirectoriesWhoseLockNobodyHolds() throws Exception {
        Path abandoned = staged("cairn-packs-111", true);
        Path olderVersion = staged("cairn-packs-222", false);
        Path other = staged("other-333", true);
        Process holder = lockInAnotherProcess(staged("cairn-packs-444", true));
        try (PackStaging live = PackStaging.create(tmp); PackStaging mine = PackStaging.create(tmp)) {
            assertThat(abandoned).doesNotExist();
            assertThat(olderVersion).isDirectory();
            assertThat(other).isDirectory();
            assertThat(tmp.resolve("cairn-packs-444")).isDirectory(); // its process holds the lock
            assertThat(live.directory()).isDirectory(); // held by this process
            assertThat(mine.directory()).isDirectory().isNotEqualTo(live.directory());
            assertThat(mine.directory().getFileName().toString()).startsWith("cairn-packs-");
            assertThat(tmp).isDirectoryNotContaining("glob:**/.cairn-packs-setup-*");

            Path made = mine.directory();
            Files.write(made.resolve(".tmp-pack-1"), new byte[] {1});
            mine.close();
            assertThat(made).doesNotExist();
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        PackStaging.removeAbandoned(tmp); // the holder is gone now
        assertThat(tmp.resolve("cairn-packs-444")).doesNotExist();
    }

    /** A directory with a staged pack in it, and a lock file if {@code withLock}. */
    private Path staged(String name, boolean withLock) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        Files.write(dir.resolve(".tmp-pack-1"), new byte[] {1, 2, 3});
        if (withLock) {
            Files.createFile(dir.resolve(PackStaging.LOCK));
        }
        return dir;
    }

    /** A second JVM that holds the directory's lock, as a live Cairn process does. */
    private static Process lockInAnotherProcess(Path dir) throws Exception {
        Path source = dir.getParent().resolve("Hold.java");
        Files.writeString(source, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE);
                        c.lock();
                        System.out.println("locked");
                        System.out.flush();
                        Thread.sleep(60_000);
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, source.toString(), dir.resolve(PackStaging.LOCK).toString())
                .redirectErrorStream(true).start();
        String line = new String(p.getInputStream().readNBytes("locked".length()));
        assertThat(line).isEqualTo("locked");
        Files.delete(source);
        return p;
    }
}
