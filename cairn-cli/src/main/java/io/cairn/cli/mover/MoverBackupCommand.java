package io.cairn.cli.mover;

import io.cairn.cli.RepositoryAccess;
import io.cairn.kube.volumes.VolumeMover;
import io.cairn.repository.Id;
import io.cairn.repository.Repository;
import io.cairn.repository.lock.Lock;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Save the contents of a directory (a mounted volume) into the repository as one tree.",
                "Flushes before reporting, then prints a JSON result (tree, files, bytes, newBytes, durationMillis,",
                "warnings, error) on stdout and into --result. Writes no snapshot: the backup links the tree."})
public final class MoverBackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--source", required = true, paramLabel = "DIR", description = "The directory to save.")
    Path source;

    @Option(names = "--parent-tree", paramLabel = "ID", description = "This volume's tree in an earlier backup: unchanged files are not read.")
    String parentTree;

    @Option(names = "--result", paramLabel = "FILE", description = "Also write the JSON result here (a pod's /dev/termination-log).")
    Path result;

    @Override
    public Integer call() {
        return MoverRun.run(spec, result, () -> {
            Id parent = parentTree == null ? null : Id.parse(parentTree);
            // A mover pod lives for one volume: a local cache would only fill its ephemeral disk.
            try (Repository repo = RepositoryAccess.openUncached(spec); Lock lock = repo.lockShared()) {
                return new VolumeMover(repo).backup(source, parent);
            }
        });
    }
}
