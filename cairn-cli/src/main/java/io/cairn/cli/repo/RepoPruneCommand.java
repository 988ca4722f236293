package io.cairn.cli.repo;

import io.cairn.cli.CliException;
import io.cairn.cli.RepositoryAccess;
import io.cairn.repository.Repository;
import io.cairn.repository.lock.Lock;
import io.cairn.repository.prune.PruneListener;
import io.cairn.repository.prune.PrunePlan;
import io.cairn.repository.prune.Pruner;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Delete data no snapshot uses: packs with no used blob are deleted, partly used packs are",
                "repacked until at most --max-unused of the used size is wasted, and a new index replaces the old.",
                "Takes an exclusive lock: refuses while backups or restores run."})
public final class RepoPruneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--max-unused", paramLabel = "PERCENT", defaultValue = "5",
            description = "Tolerate this much unused data, as a percentage of the used data (default: ${DEFAULT-VALUE}).")
    String maxUnused;

    @Option(names = {"-n", "--dry-run"}, description = "Only print what would be done.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        try (Repository repo = RepositoryAccess.open(spec); Lock lock = repo.lockExclusive()) {
            run(repo, parsePercent(maxUnused), dryRun, spec.commandLine().getOut());
        }
        return 0;
    }

    public static double parsePercent(String s) {
        String v = s.endsWith("%") ? s.substring(0, s.length() - 1) : s;
        try {
            double d = Double.parseDouble(v);
            if (d >= 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw CliException.usage("invalid --max-unused '" + s + "': give a percentage such as 5 or 5%");
    }

    /** Prunes (or plans, with dryRun) and prints the plan; the caller holds the exclusive lock. */
    public static PrunePlan run(Repository repo, double maxUnused, boolean dryRun, PrintWriter out) throws IOException {
        Pruner pruner = new Pruner(repo).maxUnusedPercent(maxUnused).listener(new PruneListener() {
            @Override
            public void step(String name) {
                out.println(name);
                out.flush();
            }

            @Override
            public void warning(String message) {
                out.println("warning: " + message);
            }
        });
        PrunePlan plan = dryRun ? pruner.plan() : pruner.prune();
        out.println((dryRun ? "would prune: " : "pruned: ") + plan.summary());
        return plan;
    }
}
