package io.cairn.cli;

import io.cairn.repository.backend.DirectoryTree;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * The training run behind the launcher's JDK AOT cache (JEP 483/514/515): runs a typical sequence of
 * {@code cairn repo} commands in one JVM, on generated data in a temporary directory, so that
 * {@code java -XX:AOTCacheOutput=FILE -cp cairn.jar io.cairn.cli.AotTraining}
 * records the classes (loaded and linked) and the method profiles that backup and restore need.
 *
 * <p>Later runs with {@code -XX:AOTCache=FILE} start with those classes ready and let C2 compile the hot
 * methods from the recorded profiles instead of after thousands of interpreted calls. Measured on the
 * 538 MiB bench (2 cores): see the launcher script.
 *
 * <p>Output of the commands is discarded; the exit code is 0 only when every command succeeded (the launcher
 * then keeps the cache).
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        int failed = train(Main::run);
        if (failed > 0) {
            System.err.println("AotTraining: " + failed + " command(s) failed");
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs the training commands through {@code cli} (the command line's entry point); returns how many failed. */
    static int train(ToIntFunction<String[]> cli) throws IOException {
        Path dir = Files.createTempDirectory("cairn-aot-training");
        PrintStream out = System.out;
        PrintStream err = System.err;
        int failed = 0;
        try {
            Path data = Files.createDirectories(dir.resolve("data"));
            generate(data, new Random(42));
            String repo = dir.resolve("repo").toString();
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            System.setOut(sink);
            System.setErr(sink);
            List<String[]> commands = new ArrayList<>();
            commands.add(new String[] {"--repo", repo, "repo", "init"});
            commands.add(new String[] {"--repo", repo, "repo", "backup", data.toString()});
            commands.add(new String[] {"--repo", repo, "repo", "backup", data.toString()});
            commands.add(new String[] {"--repo", repo, "repo", "snapshots"});
            commands.add(new String[] {"--repo", repo, "repo", "ls", "latest"});
            commands.add(new String[] {"--repo", repo, "repo", "restore", "latest", "--target", dir.resolve("r1").toString()});
            commands.add(new String[] {"--repo", repo, "repo", "check", "--read-data"});
            for (String[] command : commands) {
                if (cli.applyAsInt(command) != 0) {
                    failed++;
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            DirectoryTree.remove(dir);
        }
        return failed;
    }

    /** A small tree: many small files (text-like and random), a few larger ones, a symlink. */
    private static void generate(Path data, Random random) throws IOException {
        for (int d = 0; d < 8; d++) {
            Path sub = Files.createDirectories(data.resolve("dir" + d).resolve("sub"));
            for (int f = 0; f < 40; f++) {
                byte[] bytes = new byte[random.nextInt(16 * 1024)];
                if (f % 2 == 0) {
                    random.nextBytes(bytes);
                } else {
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) ('a' + (i * 7 + f) % 26);
                    }
                }
                Files.write((f % 3 == 0 ? sub : sub.getParent()).resolve("file" + f), bytes);
            }
        }
        for (int f = 0; f < 3; f++) {
            byte[] bytes = new byte[6 * 1024 * 1024];
            random.nextBytes(bytes);
            Files.write(data.resolve("large" + f), bytes);
        }
        Files.createSymbolicLink(data.resolve("link"), Path.of("large0"));
    }
}
