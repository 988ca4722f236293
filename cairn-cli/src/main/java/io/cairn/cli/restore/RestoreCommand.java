package io.cairn.cli.restore;

import picocli.CommandLine.Command;

/** {@code cairn restore}: bring a backup's objects back into a cluster. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup's API objects into the same or another namespace or cluster.",
        subcommands = {RestoreCreateCommand.class, RestoreDescribeCommand.class})
public final class RestoreCommand {
}
