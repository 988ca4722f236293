package io.cairn.cli;

import io.cairn.repository.Repository;
import io.cairn.repository.backend.Backend;
import java.io.IOException;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;

/** Opens the repository the global options name, for the command being run. */
public final class RepositoryAccess {
    private RepositoryAccess() {
    }

    public static CairnCommand root(CommandSpec spec) {
        return (CairnCommand) spec.root().userObject();
    }

    /** Opens the repository (asking for the password as configured); the caller closes it. */
    public static Repository open(CommandSpec spec) throws IOException {
        CairnCommand root = root(spec);
        Backend backend = root.openBackend(spec.commandLine().getErr());
        char[] password = PasswordSource.read(root.passwordFile(), "repository password");
        try {
            return Repository.open(backend, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The repository password as configured (for data mover pods); the caller clears it. */
    public static char[] password(CommandSpec spec) {
        return PasswordSource.read(root(spec).passwordFile(), "repository password");
    }

    /** Creates a repository at the configured location with a new password. */
    public static Repository init(CommandSpec spec) throws IOException {
        CairnCommand root = root(spec);
        Backend backend = root.openBackend(spec.commandLine().getErr());
        char[] password = PasswordSource.readNew(root.passwordFile(), "password for the new repository");
        try {
            return Repository.init(backend, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Reads a second password, e.g. for {@code key add}: from {@code file} when given, else a prompt. */
    public static char[] readNewPassword(java.nio.file.Path file, String purpose) {
        if (file != null) {
            return PasswordSource.fromFile(file);
        }
        if (System.console() == null) {
            throw CliException.usage("no new password given: pass --new-password-file FILE");
        }
        return PasswordSource.readNew(null, purpose);
    }
}
