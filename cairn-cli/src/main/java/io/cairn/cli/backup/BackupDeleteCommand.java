package io.cairn.cli.backup;

import io.cairn.cli.RepositoryAccess;
import io.cairn.kube.backup.BackupCatalog;
import io.cairn.cli.repo.RepoPruneCommand;
import io.cairn.repository.Repository;
import io.cairn.repository.lock.Lock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Forget a backup: its snapshot is removed from the repository.",
                "The data it alone referenced is freed by --prune or a later `cairn repo prune`.",
                "Takes the repository's exclusive lock."})
public final class BackupDeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The backup.")
    String name;

    @Option(names = "--prune", description = "Prune unused data afterwards (as `cairn repo prune`).")
    boolean prune;

    @Override
    public Integer call() throws Exception {
        try (Repository repo = RepositoryAccess.open(spec); Lock lock = repo.lockExclusive()) {
            int removed = new BackupCatalog(repo).delete(name);
            spec.commandLine().getOut().printf("deleted backup %s (%d snapshot%s)%n", name, removed, removed == 1 ? "" : "s");
            if (prune && removed > 0) {
                RepoPruneCommand.run(repo, 5.0, false, spec.commandLine().getOut());
            }
        }
        return 0;
    }
}
