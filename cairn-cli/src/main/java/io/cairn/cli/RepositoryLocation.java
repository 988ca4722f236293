package io.cairn.cli;

import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.BackendOptions;
import io.cairn.repository.backend.Backends;
import io.cairn.repository.backend.RetryBackend;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Parses a repository location as restic writes it and opens its backend through {@link Backends}: a directory,
 * {@code local:PATH}, or {@code s3:http(s)://host[:port]/bucket[/prefix]} / {@code s3:host/bucket[/prefix]}.
 * S3 credentials come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
 * AWS_PROFILE), from {@code --s3-credentials-file}, or the SDK's default chain — never from the command line.
 */
final class RepositoryLocation {
    static final String ENV = "CAIRN_REPOSITORY";

    private RepositoryLocation() {
    }

    /**
     * The embedded default: a local directory under the user's data directory ($XDG_DATA_HOME, else
     * $HOME/.local/share; $HOME as the shell has it, which the JVM's user.home ignores).
     */
    static String defaultLocation(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        String home = env.get("HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg)
                : Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"), ".local", "share");
        return base.resolve("cairn").resolve("repository").toString();
    }

    static String resolve(String option) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String env = System.getenv(ENV);
        return env != null && !env.isBlank() ? env : defaultLocation(System.getenv());
    }

    /** Opens a location with default settings and the process environment. */
    static Backend open(String location) {
        return open(location, BackendOptions.defaults());
    }

    static Backend open(String location, BackendOptions options) {
        try {
            return Backends.open(location, options);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /** Backend options from the global flags and the environment; retries are reported on {@code err}. */
    static BackendOptions options(Map<String, String> env, String region, Boolean pathStyle, Path credentialsFile,
                                  PrintWriter err) {
        RetryBackend.Listener warn = (what, attempt, delay, cause) -> {
            err.println("cairn: warning: " + what + " failed (" + cause.getMessage() + "); retry " + attempt
                    + " in " + delay.toMillis() + " ms");
            err.flush();
        };
        return BackendOptions.defaults().withEnv(env).withRetry(RetryBackend.Policy.DEFAULT, warn)
                .withS3(region, pathStyle, credentialsFile);
    }
}
