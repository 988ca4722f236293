package io.cairn.cli.repo;

import io.cairn.cli.CliException;
import io.cairn.cli.ExitCode;
import io.cairn.cli.RepositoryAccess;
import io.cairn.repository.Id;
import io.cairn.repository.Repository;
import io.cairn.repository.lock.Lock;
import io.cairn.repository.key.KeyInfo;
import io.cairn.repository.key.KeyRing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "key", mixinStandardHelpOptions = true,
        description = "Manage the passwords (keys) that open the repository.",
        subcommands = {RepoKeyCommand.Add.class, RepoKeyCommand.ListKeys.class, RepoKeyCommand.Remove.class})
public final class RepoKeyCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a password that also opens the repository.",
                    "The new password is read from --new-password-file, else asked twice on the terminal."})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--new-password-file", paramLabel = "FILE", description = "Read the new password from FILE.")
        Path newPasswordFile;

        @Option(names = "--user", description = "User name recorded in the key (default: current user).")
        String user;

        @Option(names = "--host", description = "Host name recorded in the key (default: this host).")
        String host;

        @Override
        public Integer call() throws Exception {
            try (Repository repo = RepositoryAccess.open(spec)) {
                char[] password = RepositoryAccess.readNewPassword(newPasswordFile, "new password");
                try {
                    Id id = repo.keys().add(password,
                            user != null ? user : KeyRing.defaultUsername(),
                            host != null ? host : KeyRing.defaultHostname());
                    spec.commandLine().getOut().println("saved new key " + id.shortString());
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the repository's keys; * marks the one in use.")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Repository repo = RepositoryAccess.open(spec)) {
                List<KeyInfo> keys = repo.keys().list();
                out.printf(" %-8s  %-12s  %-16s  %s%n", "ID", "User", "Host", "Created");
                out.println("-".repeat(60));
                for (KeyInfo k : keys) {
                    out.printf("%s%-8s  %-12s  %-16s  %s%n", k.current() ? "*" : " ", k.id().shortString(),
                            nullToEmpty(k.username()), nullToEmpty(k.hostname()),
                            k.created() == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(k.created()));
                }
            }
            return 0;
        }

        private static String nullToEmpty(String s) {
            return s == null ? "" : s;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a key (by ID or unique prefix). The key in use cannot be removed.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "Key ID or a unique prefix of it.")
        String ref;

        @Override
        public Integer call() throws Exception {
            try (Repository repo = RepositoryAccess.open(spec); Lock lock = repo.lockExclusive()) {
                List<KeyInfo> matches = repo.keys().list().stream().filter(k -> k.id().toString().startsWith(ref)).toList();
                if (matches.isEmpty()) {
                    throw new CliException(ExitCode.NOT_FOUND, "no key matches '" + ref + "'; see cairn repo key list");
                }
                if (matches.size() > 1) {
                    throw CliException.usage("'" + ref + "' matches " + matches.size() + " keys; give more digits");
                }
                repo.keys().remove(matches.get(0).id());
                spec.commandLine().getOut().println("removed key " + matches.get(0).id().shortString());
            }
            return 0;
        }
    }
}
