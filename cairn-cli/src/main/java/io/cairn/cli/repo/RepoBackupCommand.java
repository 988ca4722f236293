package io.cairn.cli.repo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.cli.CliException;
import io.cairn.cli.ExitCode;
import io.cairn.cli.ProgressPrinter;
import io.cairn.cli.RepositoryAccess;
import io.cairn.cli.Sizes;
import io.cairn.repository.Id;
import io.cairn.repository.Json;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.Repository;
import io.cairn.repository.lock.Lock;
import io.cairn.repository.archiver.ArchiveListener;
import io.cairn.repository.archiver.ArchiveProgress;
import io.cairn.repository.archiver.ArchiveResult;
import io.cairn.repository.archiver.Archiver;
import io.cairn.repository.archiver.ArchiverOptions;
import io.cairn.repository.key.KeyRing;
import io.cairn.repository.snapshot.Snapshot;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Save files and directories as a new snapshot (restic-compatible).",
                "Unchanged files (same size, mtime, ctime and inode as in the parent snapshot) are not read again.",
                "The parent is --parent, else the latest snapshot of the same host and paths."})
public final class RepoBackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to save.")
    List<Path> paths;

    @Option(names = "--tag", paramLabel = "TAG", description = "Tag the snapshot (repeatable).")
    List<String> tags = List.of();

    @Option(names = "--host", paramLabel = "HOST", description = "Host name recorded in the snapshot (default: this host).")
    String host;

    @Option(names = "--parent", paramLabel = "SNAPSHOT", description = "Compare against this snapshot instead of the latest one.")
    String parent;

    @Option(names = "--force", description = "Read every file, even when the parent snapshot says it is unchanged.")
    boolean force;

    @Option(names = "--json", description = "Print progress and the summary as JSON lines.")
    boolean json;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: number of cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        for (Path p : paths) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw CliException.usage("no such file or directory: " + p);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        String hostname = host != null ? host : KeyRing.defaultHostname();
        List<String> snapshotPaths = Archiver.snapshotPaths(paths);
        OffsetDateTime start = OffsetDateTime.now();
        try (Repository repo = RepositoryAccess.open(spec); Lock lock = repo.lockShared()) {
            repo.blobs().loadIndex();
            Snapshot parentSnapshot = force ? null : findParent(repo, hostname, snapshotPaths);
            ArchiverOptions options = ArchiverOptions.defaults(repo.polynomial());
            if (threads != null) {
                if (threads < 1) {
                    throw CliException.usage("--threads must be at least 1");
                }
                options = options.withParallelism(threads);
            }
            ProgressPrinter progress = ProgressPrinter.forCommand(json, "backup", out);
            ArchiveResult result = new Archiver(repo.blobs(), options).snapshot(paths,
                    parentSnapshot == null ? null : parentSnapshot.tree(), listener(progress));
            repo.blobs().flush();
            Snapshot snapshot = new Snapshot(start, parentSnapshot == null ? null : parentSnapshot.id(), result.rootTree(),
                    snapshotPaths, hostname, KeyRing.defaultUsername(), uid(), gid(), null,
                    tags.isEmpty() ? null : List.copyOf(tags), null, null);
            Id id = repo.saveSnapshot(snapshot);
            progress.finish();
            printSummary(out, result, id, parentSnapshot);
            return result.warnings().isEmpty() ? ExitCode.OK : ExitCode.PARTIAL;
        }
    }

    private Snapshot findParent(Repository repo, String hostname, List<String> snapshotPaths) throws Exception {
        if (parent != null) {
            return repo.findSnapshot(parent);
        }
        try {
            return repo.findLatest(s -> hostname.equals(s.hostname())
                    && s.paths() != null && new HashSet<>(s.paths()).equals(new HashSet<>(snapshotPaths)));
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static ArchiveListener listener(ProgressPrinter progress) {
        return new ArchiveListener() {
            @Override
            public void progress(ArchiveProgress p) {
                progress.update(p.filesDone(), p.filesTotal(), p.bytesDone(), p.scanComplete() ? p.bytesTotal() : -1,
                        p.currentFile() == null ? null : p.currentFile().toString());
            }

            @Override
            public void warning(Path path, String message) {
                progress.warning(path.toString(), message);
            }
        };
    }

    private void printSummary(PrintWriter out, ArchiveResult r, Id id, Snapshot parentSnapshot) throws Exception {
        double seconds = r.duration().toMillis() / 1000.0;
        if (json) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("message_type", "summary");
            n.put("files_new", r.filesNew());
            n.put("files_changed", r.filesChanged());
            n.put("files_unmodified", r.filesUnchanged());
            n.put("dirs", r.dirs());
            n.put("data_blobs", r.dataBlobsNew());
            n.put("tree_blobs", r.treeBlobsNew());
            n.put("data_added", r.bytesAdded());
            n.put("total_bytes_processed", r.bytesRead());
            n.put("total_duration", seconds);
            n.put("warnings", r.warnings().size());
            n.put("snapshot_id", id.toString());
            if (parentSnapshot != null) {
                n.put("parent", parentSnapshot.id().toString());
            }
            out.println(Json.MAPPER.writeValueAsString(n));
            return;
        }
        if (parentSnapshot != null) {
            out.println("using parent snapshot " + parentSnapshot.id().shortString());
        }
        out.printf("Files:       %d new, %d changed, %d unchanged%n", r.filesNew(), r.filesChanged(), r.filesUnchanged());
        out.printf("Dirs:        %d%n", r.dirs());
        out.printf("Added to the repository: %s (%d data blobs, %d tree blobs)%n", Sizes.format(r.bytesAdded()),
                r.dataBlobsNew(), r.treeBlobsNew());
        out.printf("processed %s in %.1f s%n", Sizes.format(r.bytesRead()), seconds);
        if (!r.warnings().isEmpty()) {
            out.printf("%d file%s could not be read (see warnings above)%n", r.warnings().size(),
                    r.warnings().size() == 1 ? "" : "s");
        }
        out.println("snapshot " + id.shortString() + " saved");
    }

    private static long uid() {
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }

    private static long gid() {
        return new com.sun.security.auth.module.UnixSystem().getGid();
    }
}
