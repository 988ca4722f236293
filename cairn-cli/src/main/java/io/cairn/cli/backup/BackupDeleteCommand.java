package io.cairn.cli.backup;

import io.cairn.cli.RepositoryAccess;
import io.cairn.kube.backup.BackupCatalog;
import io.cairn.repository.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Forget a backup: its snapshot is removed from the repository.",
                "The data it alone referenced is freed by a later prune."})
public final class BackupDeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The backup.")
    String name;

    @Override
    public Integer call() throws Exception {
        try (Repository repo = RepositoryAccess.open(spec)) {
            int removed = new BackupCatalog(repo).delete(name);
            spec.commandLine().getOut().printf("deleted backup %s (%d snapshot%s)%n", name, removed, removed == 1 ? "" : "s");
        }
        return 0;
    }
}
