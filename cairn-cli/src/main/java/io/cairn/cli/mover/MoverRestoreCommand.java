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

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Fill a directory (a mounted volume) from a tree of the repository.",
                "Prints a JSON result (files, bytes, durationMillis, warnings, error) on stdout and into --result."})
public final class MoverRestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tree", required = true, paramLabel = "ID", description = "The volume's tree (/volumes/<ns>/<pvc> of a backup).")
    String tree;

    @Option(names = "--target", required = true, paramLabel = "DIR", description = "The directory to fill.")
    Path target;

    @Option(names = "--result", paramLabel = "FILE", description = "Also write the JSON result here (a pod's /dev/termination-log).")
    Path result;

    @Override
    public Integer call() {
        return MoverRun.run(spec, result, () -> {
            Id id = Id.parse(tree);
            // A mover pod lives for one volume: a local cache would only fill its ephemeral disk.
            try (Repository repo = RepositoryAccess.openUncached(spec); Lock lock = repo.lockShared()) {
                lock.awaitConfirmed();
                return new VolumeMover(repo).restore(id, target);
            }
        });
    }
}
