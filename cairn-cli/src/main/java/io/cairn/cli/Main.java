package io.cairn.cli;

import picocli.CommandLine;

/** Entry point of the {@code cairn} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        try {
            return commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println(ErrorReporter.outOfMemory());
            return ExitCode.FAILED;
        }
    }

    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new CairnCommand());
        cmd.setExecutionExceptionHandler(new ErrorReporter());
        cmd.setParameterExceptionHandler((ex, argv) -> {
            ex.getCommandLine().getErr().println("cairn: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        });
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }
}
