package io.cairn.cli.mover;

import picocli.CommandLine.Command;

/** {@code cairn mover}: what a data mover pod runs on a mounted volume. */
@Command(name = "mover", mixinStandardHelpOptions = true,
        description = {"Move one volume's files into or out of the repository (run by data mover pods).",
                "The repository and password usually come from $CAIRN_REPOSITORY and $CAIRN_PASSWORD (a Secret)."},
        subcommands = {MoverBackupCommand.class, MoverRestoreCommand.class})
public final class MoverCommand {
}
