package io.cairn.cli.repo;

import picocli.CommandLine.Command;

/** {@code cairn repo}: low-level repository commands (restic-compatible). */
@Command(name = "repo",
        description = "Work with the repository directly: create it, back up and restore directories, inspect, check, forget and prune, unlock.",
        mixinStandardHelpOptions = true,
        subcommands = {
                RepoInitCommand.class,
                RepoBackupCommand.class,
                RepoSnapshotsCommand.class,
                RepoLsCommand.class,
                RepoRestoreCommand.class,
                RepoDumpCommand.class,
                RepoCheckCommand.class,
                RepoKeyCommand.class,
                RepoForgetCommand.class,
                RepoPruneCommand.class,
                RepoUnlockCommand.class})
public final class RepoCommand {
}
