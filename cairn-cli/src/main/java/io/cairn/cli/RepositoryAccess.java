package io.cairn.cli;

import io.cairn.repository.Repository;
import io.cairn.repository.backend.Backend;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;

/** Opens the repository the global options name, for the command being run. */
public final class RepositoryAccess {
    private RepositoryAccess() {
    }

    public static CairnCommand root(CommandSpec spec) {
        return (CairnCommand) spec.root().userObject();
    }

    /**
     * Opens the repository (asking for the password as configured) with the local cache the global options
     * choose; the caller closes it.
     */
    public static Repository open(CommandSpec spec) throws IOException {
        return open(spec, true);
    }

    /**
     * Opens the repository without the local cache: for {@code check}, which must read what the repository
     * holds, not a local copy (as restic's check does by default), and for mover pods, which run once.
     */
    public static Repository openUncached(CommandSpec spec) throws IOException {
        return open(spec, false);
    }

    private static Repository open(CommandSpec spec, boolean cached) throws IOException {
        CairnCommand root = root(spec);
        PrintWriter err = spec.commandLine().getErr();
        Backend backend = root.openBackend(err);
        char[] password = PasswordSource.read(root.passwordFile(), "repository password");
        try {
            Path cacheRoot = cached ? root.cacheRoot(root.repositoryLocation()) : null;
            return Repository.open(backend, password, cacheRoot, message -> {
                err.println("cairn: warning: " + message);
                err.flush();
            });
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
