package io.cairn.cli.repo;

import io.cairn.cli.RepositoryAccess;
import io.cairn.repository.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a new repository at the location (format v2, compressed).",
                "Fails if the location already holds a repository."})
public final class RepoInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Repository repo = RepositoryAccess.init(spec)) {
            spec.commandLine().getOut().printf("created repository %s at %s%n",
                    repo.config().id().substring(0, 10), repo.backend().location());
            spec.commandLine().getOut().println(
                    "Keep the password safe: without it the data in the repository cannot be read.");
        }
        return 0;
    }
}
