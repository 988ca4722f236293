package io.cairn.repository.backend;

import io.cairn.repository.backend.s3.S3Backend;
import io.cairn.repository.backend.s3.S3Credentials;
import io.cairn.repository.backend.s3.S3Location;
import io.cairn.repository.backend.s3.S3Options;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The one place that turns a location into a backend and sets up the wrapper chain:
 * {@code RetryBackend → LimitedBackend → storage}. Retry sits outside the limit so that a call waiting out its
 * backoff holds no connection. One factory per scheme: {@code local:PATH} (or a bare path) and
 * {@code s3:…} (see {@link S3Location}).
 */
public final class Backends {
    /** Opens the storage of one scheme, unwrapped. */
    @FunctionalInterface
    public interface Factory {
        Backend open(String rest, String location, BackendOptions options);
    }

    private static final Map<String, Factory> FACTORIES = Map.of(
            "local", (rest, location, options) -> new LocalBackend(Path.of(rest)),
            "s3", (rest, location, options) -> openS3(location, options));

    private Backends() {
    }

    /**
     * Opens the backend a location names, wrapped.
     *
     * @throws IllegalArgumentException for an unknown scheme or a malformed location, with a message for users
     */
    public static Backend open(String location, BackendOptions options) {
        return wrap(openRaw(location, options), options);
    }

    /** True when the location names a directory on this machine (a bare path or {@code local:PATH}). */
    public static boolean isLocal(String location) {
        int colon = location.indexOf(':');
        if (colon > 1) {
            String scheme = location.substring(0, colon).toLowerCase(Locale.ROOT);
            if (FACTORIES.containsKey(scheme)) {
                return scheme.equals("local");
            }
        }
        return true;
    }

    /** Opens the storage without wrappers. */
    public static Backend openRaw(String location, BackendOptions options) {
        int colon = location.indexOf(':');
        if (colon > 1) {
            String scheme = location.substring(0, colon).toLowerCase(Locale.ROOT);
            Factory f = FACTORIES.get(scheme);
            if (f != null) {
                return f.open(location.substring(colon + 1), location, options);
            }
            if (!scheme.contains("/") && !scheme.contains("\\")) {
                throw new IllegalArgumentException("unknown repository type '" + scheme
                        + ":'; use a directory path, local:PATH or s3:https://host/bucket[/prefix]");
            }
        }
        return new LocalBackend(Path.of(location));
    }

    /** The standard wrapper chain around a storage backend. */
    public static Backend wrap(Backend storage, BackendOptions options) {
        return new RetryBackend(new LimitedBackend(storage, options.connections()), options.retry(),
                options.retryListener(), RetryBackend.Sleeper.REAL);
    }

    private static Backend openS3(String location, BackendOptions options) {
        S3Location where = S3Location.parse(location);
        String region = options.s3Region() != null ? options.s3Region() : S3Credentials.region(options.env());
        S3Options s3 = S3Options.defaults(S3Credentials.resolve(options.env(), options.s3CredentialsFile()))
                .withRegion(region)
                .withPathStyle(options.s3PathStyle())
                .withConnections(options.connections());
        return new S3Backend(where, s3);
    }
}
