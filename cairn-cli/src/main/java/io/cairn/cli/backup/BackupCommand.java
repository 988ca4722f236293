package io.cairn.cli.backup;

import picocli.CommandLine.Command;

/** {@code cairn backup}: back up applications and namespaces of a cluster into the repository. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the API objects of namespaces or of single applications (with everything they depend on).",
        subcommands = {BackupCreateCommand.class, BackupListCommand.class, BackupDescribeCommand.class,
                BackupDeleteCommand.class, BackupReleaseCommand.class})
public final class BackupCommand {
}
