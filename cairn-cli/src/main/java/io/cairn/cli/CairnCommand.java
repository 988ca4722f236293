package io.cairn.cli;

import io.cairn.cli.backup.BackupCommand;
import io.cairn.cli.mover.MoverCommand;
import io.cairn.cli.repo.RepoCommand;
import io.cairn.cli.restore.RestoreCommand;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command; holds the options every subcommand shares. */
@Command(name = "cairn",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Backup and restore for applications on Kubernetes: their API objects and their volume data,",
                "in a restic-compatible repository (format v2) that stock restic can also read."},
        subcommands = {BackupCommand.class, RestoreCommand.class, RepoCommand.class, MoverCommand.class},
        footerHeading = "%nRepository and password:%n",
        footer = {
                "  The repository is --repo, else $CAIRN_REPOSITORY, else ~/.local/share/cairn/repository.",
                "  A location is a directory path or local:PATH.",
                "  The password comes from --password-file, else $CAIRN_PASSWORD, else a prompt on the terminal.",
                "",
                "Exit codes: 0 ok, 1 failed, 2 bad usage or input, 3 partial (some items failed), 10 no repository,",
                "  11 locked, 12 wrong password, 13 not found, 14 corrupt data, 15 unsupported repository format.",
                "",
                "Examples:",
                "  export CAIRN_PASSWORD='a long passphrase'",
                "  cairn repo init",
                "  cairn backup create shop-nightly --include-namespaces shop",
                "  cairn backup create wp --app deployment/wordpress -n shop",
                "  cairn restore create shop-copy --from-backup shop-nightly --namespace-mapping shop:shop-copy",
                "  cairn repo backup /srv/data && cairn repo snapshots"})
public final class CairnCommand {

    @Option(names = "--repo", paramLabel = "LOCATION", scope = ScopeType.INHERIT,
            description = "Repository location (directory path or local:PATH). Default: $CAIRN_REPOSITORY, "
                    + "else ~/.local/share/cairn/repository.")
    String repo;

    @Option(names = "--password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Read the repository password from the first line of FILE (else $CAIRN_PASSWORD, else a prompt).")
    Path passwordFile;

    /** Where commands write binary output (dump); the terminal's stdout unless a test redirects it. */
    private java.io.OutputStream rawOut = System.out;

    public java.io.OutputStream rawOut() {
        return rawOut;
    }

    public void setRawOut(java.io.OutputStream out) {
        this.rawOut = out;
    }

    public String repositoryLocation() {
        return RepositoryLocation.resolve(repo);
    }

    public Path passwordFile() {
        return passwordFile;
    }
}
