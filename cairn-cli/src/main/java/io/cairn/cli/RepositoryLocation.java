package io.cairn.cli;

import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.LocalBackend;
import java.nio.file.Path;

/** Parses a repository location as restic writes it and opens its backend. */
final class RepositoryLocation {
    static final String ENV = "CAIRN_REPOSITORY";

    private RepositoryLocation() {
    }

    /** The embedded default: a local directory under the user's data directory. */
    static String defaultLocation() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("cairn").resolve("repository").toString();
    }

    static String resolve(String option) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String env = System.getenv(ENV);
        return env != null && !env.isBlank() ? env : defaultLocation();
    }

    static Backend open(String location) {
        if (location.startsWith("local:")) {
            return new LocalBackend(Path.of(location.substring("local:".length())));
        }
        if (location.startsWith("s3:")) {
            throw CliException.usage("s3 repositories are not supported yet (" + location + "); use a local directory");
        }
        int colon = location.indexOf(':');
        if (colon > 1 && !location.substring(0, colon).contains("/")) {
            throw CliException.usage("unknown repository type '" + location.substring(0, colon)
                    + ":'; use a directory path or local:PATH");
        }
        return new LocalBackend(Path.of(location));
    }
}
