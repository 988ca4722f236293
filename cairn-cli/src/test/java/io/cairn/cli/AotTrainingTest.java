package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AotTrainingTest {
    /** Stands in for the CLI's entry point. */
    public static final class FakeMain {
        static final List<List<String>> CALLS = new ArrayList<>();
        static final List<Long> DATA_FILES = new ArrayList<>();
        static String failOn = "";

        public static int run(String... args) {
            CALLS.add(List.of(args));
            if (args[3].equals("backup")) {
                try (var files = Files.walk(Path.of(args[4]))) {
                    DATA_FILES.add(files.filter(Files::isRegularFile).count());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return args[3].equals(failOn) ? 1 : 0;
        }
    }

    @BeforeEach
    void reset() {
        FakeMain.CALLS.clear();
        FakeMain.DATA_FILES.clear();
        FakeMain.failOn = "";
    }

    @Test
    void runsTheCommandsOnGeneratedDataAndRemovesIt() throws Exception {
        assertThat(AotTraining.train(FakeMain::run)).isZero();

        assertThat(FakeMain.CALLS).extracting(c -> c.get(3))
                .containsExactly("init", "backup", "backup", "snapshots", "ls", "restore", "check");
        // 320 small files, 3 large ones and the symlink to one of them (isRegularFile follows it)
        assertThat(FakeMain.DATA_FILES).containsExactly(324L, 324L);
        Path repo = Path.of(FakeMain.CALLS.get(0).get(1));
        assertThat(repo.getParent()).doesNotExist();
    }

    @Test
    void countsFailedCommands() throws Exception {
        FakeMain.failOn = "backup";
        assertThat(AotTraining.train(FakeMain::run)).isEqualTo(2);
    }
}
