package io.cairn.cli.repo;

import io.cairn.cli.RepositoryAccess;
import io.cairn.repository.Repository;
import io.cairn.repository.restorer.Dumper;
import io.cairn.repository.snapshot.Snapshot;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Write one file from a snapshot to standard output.")
public final class RepoDumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot ID, unique prefix or 'latest'.")
    String ref;

    @Parameters(index = "1", paramLabel = "FILE", description = "Path of the file inside the snapshot.")
    String file;

    @Override
    public Integer call() throws Exception {
        try (Repository repo = RepositoryAccess.open(spec)) {
            Snapshot snapshot = repo.findSnapshot(ref);
            repo.blobs().loadIndex();
            OutputStream out = RepositoryAccess.root(spec).rawOut();
            new Dumper(repo.blobs()).dump(snapshot.tree(), RepoLsCommand.trimSlashes(file), out);
            out.flush();
        }
        return 0;
    }
}
