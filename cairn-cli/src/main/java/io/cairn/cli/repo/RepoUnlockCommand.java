package io.cairn.cli.repo;

import io.cairn.cli.RepositoryAccess;
import io.cairn.repository.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = {"Remove stale locks: locks not refreshed for 30 minutes, and locks of processes on this host",
                "that no longer run. With --remove-all, remove every lock (only when no other process uses the repository)."})
public final class RepoUnlockCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--remove-all", description = "Remove all locks, even those of running processes.")
    boolean removeAll;

    @Override
    public Integer call() throws Exception {
        try (Repository repo = RepositoryAccess.open(spec)) {
            int n = removeAll ? repo.locks().removeAll() : repo.locks().removeStale();
            spec.commandLine().getOut().println(n == 0 ? "no locks removed"
                    : "removed " + n + (removeAll ? "" : " stale") + " lock" + (n == 1 ? "" : "s"));
        }
        return 0;
    }
}
