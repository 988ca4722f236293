package io.cairn.cli.repo;

import io.cairn.cli.ExitCode;
import io.cairn.cli.RepositoryAccess;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.Repository;
import io.cairn.repository.lock.Lock;
import io.cairn.repository.check.CheckListener;
import io.cairn.repository.check.CheckResult;
import io.cairn.repository.check.Checker;
import io.cairn.repository.check.Problem;
import io.cairn.repository.check.ReadDataSubset;
import io.cairn.cli.CliException;
import io.cairn.repository.snapshot.Snapshot;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the repository: index files, packs, and every snapshot's trees.",
                "With --read-data, also read and verify every blob. Reports every problem, not only the first."})
public final class RepoCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--read-data", description = "Read all packs and verify every blob (slow: reads the whole repository).")
    boolean readData;

    @Option(names = "--read-data-subset", paramLabel = "n/t|x%",
            description = "Read only a subset of the packs: the n-th of t groups (e.g. 1/5), or x percent at random.")
    String readDataSubset;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReadDataSubset subset = readData ? ReadDataSubset.ALL : ReadDataSubset.NONE;
        if (readDataSubset != null) {
            try {
                subset = ReadDataSubset.parse(readDataSubset);
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage());
            }
        }
        boolean reading = subset != ReadDataSubset.NONE;
        try (Repository repo = RepositoryAccess.openUncached(spec); Lock lock = repo.lockShared()) {
            lock.awaitConfirmed();
            CheckListener listener = new CheckListener() {
                @Override
                public void problem(Problem problem) {
                    err.println((problem.isError() ? "error: " : "warning: ") + problem.message());
                    err.flush();
                }
            };
            out.println("checking index and packs" + (reading ? ", reading " + (readDataSubset == null ? "all data"
                    : "data subset " + readDataSubset) : ""));
            CheckResult structure = new Checker(repo.backend(), repo.masterKey()).listener(listener).check(subset);
            out.println("checking snapshots and trees");
            repo.blobs().loadIndex();
            // Load snapshots one by one: a damaged snapshot file is one more problem, not the end of the check.
            List<Snapshot> snapshots = new ArrayList<>();
            int damagedSnapshots = 0;
            for (Id id : repo.snapshots().ids()) {
                try {
                    snapshots.add(repo.snapshots().load(id));
                } catch (CorruptDataException | NotFoundException e) {
                    damagedSnapshots++;
                    err.println("error: snapshot " + id.shortString() + ": " + e.getMessage());
                    err.flush();
                }
            }
            CheckResult trees = new Checker(repo.backend(), repo.masterKey()).listener(listener)
                    .checkTrees(snapshots.stream().map(Snapshot::tree).toList(), repo.blobs(), repo.blobs());
            int errors = structure.errors().size() + trees.errors().size() + damagedSnapshots;
            int warnings = structure.warnings().size() + trees.warnings().size();
            out.printf("%d snapshots, %d packs, %d blobs, %d trees checked%s%n", snapshots.size(), structure.packs(),
                    structure.blobs(), trees.trees(), reading ? ", " + structure.blobsRead() + " blobs read" : "");
            if (errors > 0) {
                out.printf("%d error%s found%n", errors, errors == 1 ? "" : "s");
                return ExitCode.CORRUPT;
            }
            out.println("no errors were found" + (warnings > 0 ? " (" + warnings + " warnings)" : ""));
        }
        return 0;
    }
}
