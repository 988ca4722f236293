package io.cairn.cli.repo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.cli.ExitCode;
import io.cairn.cli.ProgressPrinter;
import io.cairn.cli.RepositoryAccess;
import io.cairn.cli.Sizes;
import io.cairn.repository.Json;
import io.cairn.repository.Repository;
import io.cairn.repository.lock.Lock;
import io.cairn.repository.restorer.RestoreListener;
import io.cairn.repository.restorer.RestoreOptions;
import io.cairn.repository.restorer.RestoreResult;
import io.cairn.repository.restorer.Restorer;
import io.cairn.repository.restorer.TreeNavigator;
import io.cairn.repository.snapshot.Snapshot;
import io.cairn.repository.tree.Node;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a snapshot, or a path inside it, into a directory.",
                "Contents, modes, times, symlinks and hard links come back; ownership too when run as root.",
                "A hostile snapshot can never write outside the target."})
public final class RepoRestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SNAPSHOT[:SUBPATH]",
            description = "Snapshot ID, unique prefix or 'latest', optionally followed by :PATH inside it.")
    String ref;

    @Option(names = "--target", required = true, paramLabel = "DIR", description = "Directory to restore into (created if missing).")
    Path target;

    @Option(names = "--json", description = "Print progress and the summary as JSON lines.")
    boolean json;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: number of cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        SnapshotRef snapshotRef = SnapshotRef.parse(ref);
        PrintWriter out = spec.commandLine().getOut();
        try (Repository repo = RepositoryAccess.open(spec); Lock lock = repo.lockShared()) {
            Snapshot snapshot = repo.findSnapshot(snapshotRef.snapshot());
            repo.blobs().loadIndex();
            RestoreOptions options = RestoreOptions.defaults();
            if (threads != null) {
                options = options.withThreads(Math.max(1, threads));
            }
            ProgressPrinter progress = ProgressPrinter.forCommand(json, "restore", out);
            lock.awaitConfirmed(); // the index loaded meanwhile; no file is written before it
            Restorer restorer = new Restorer(repo.blobs(), options);
            RestoreListener listener = listener(progress);
            RestoreResult result;
            if (snapshotRef.subpath().isEmpty()) {
                result = restorer.restoreTree(snapshot.tree(), target, listener);
            } else {
                Node node = new TreeNavigator(repo.blobs()).resolve(snapshot.tree(), snapshotRef.subpath());
                result = node.isDirectory()
                        ? restorer.restoreTree(node.subtree(), target, listener)
                        : restorer.restoreNode(node, target, listener);
            }
            progress.finish();
            printSummary(out, snapshot, result);
            return result.warnings().isEmpty() ? ExitCode.OK : ExitCode.PARTIAL;
        }
    }

    private static RestoreListener listener(ProgressPrinter progress) {
        AtomicLong totalFiles = new AtomicLong();
        AtomicLong totalBytes = new AtomicLong(-1);
        return new RestoreListener() {
            @Override
            public void started(long files, long bytes) {
                totalFiles.set(files);
                totalBytes.set(bytes);
            }

            @Override
            public void progress(long filesDone, long bytesDone) {
                progress.update(filesDone, totalFiles.get(), bytesDone, totalBytes.get(), null);
            }

            @Override
            public void warning(String path, String message) {
                progress.warning(path, message);
            }
        };
    }

    private void printSummary(PrintWriter out, Snapshot snapshot, RestoreResult r) throws Exception {
        double seconds = r.duration().toMillis() / 1000.0;
        if (json) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("message_type", "summary");
            n.put("snapshot_id", snapshot.id().toString());
            n.put("files_restored", r.files());
            n.put("dirs_restored", r.dirs());
            n.put("bytes_restored", r.bytes());
            n.put("warnings", r.warnings().size());
            n.put("total_duration", seconds);
            out.println(Json.MAPPER.writeValueAsString(n));
            return;
        }
        out.printf("restored snapshot %s to %s: %d files, %d dirs, %s in %.1f s%n", snapshot.id().shortString(), target,
                r.files(), r.dirs(), Sizes.format(r.bytes()), seconds);
        if (!r.warnings().isEmpty()) {
            out.printf("%d warning%s (see above)%n", r.warnings().size(), r.warnings().size() == 1 ? "" : "s");
        }
    }
}
