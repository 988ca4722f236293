package io.cairn.repository.backend.s3;

import java.net.URI;
import java.util.Locale;

/**
 * Where an S3 repository lives, parsed from restic's location syntax: {@code s3:https://host[:port]/bucket[/prefix]},
 * {@code s3:http://…} or {@code s3:host/bucket[/prefix]} (HTTPS implied, e.g. {@code s3:s3.amazonaws.com/bucket}).
 *
 * @param endpoint  scheme, host and port, without a path
 * @param bucket    the bucket
 * @param prefix    key prefix without leading or trailing slash; empty for the bucket's root
 */
public record S3Location(URI endpoint, String bucket, String prefix) {
    public static final String SCHEME = "s3:";

    public S3Location {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("an S3 location needs a bucket: s3:https://host/bucket[/prefix]");
        }
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("invalid S3 bucket name '" + bucket
                    + "': 3 to 63 lowercase letters, digits, dots and hyphens");
        }
        prefix = trimSlashes(prefix == null ? "" : prefix);
    }

    /** Parses {@code s3:…}; throws {@link IllegalArgumentException} with a message for the user. */
    public static S3Location parse(String location) {
        if (!location.startsWith(SCHEME)) {
            throw new IllegalArgumentException("not an s3: location: " + location);
        }
        String rest = location.substring(SCHEME.length());
        String scheme = "https";
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            rest = rest.substring("https://".length());
        } else if (lower.startsWith("http://")) {
            scheme = "http";
            rest = rest.substring("http://".length());
        } else if (rest.contains("://")) {
            throw new IllegalArgumentException("an s3: location takes http:// or https://, not " + location);
        }
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("an S3 location needs a host and a bucket: s3:https://host/bucket[/prefix], got "
                    + location);
        }
        String host = rest.substring(0, slash);
        String path = trimSlashes(rest.substring(slash + 1));
        int b = path.indexOf('/');
        String bucket = b < 0 ? path : path.substring(0, b);
        String prefix = b < 0 ? "" : path.substring(b + 1);
        URI endpoint;
        try {
            endpoint = URI.create(scheme + "://" + host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad S3 endpoint '" + host + "' in " + location);
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("bad S3 endpoint '" + host + "' in " + location);
        }
        return new S3Location(endpoint, bucket, prefix);
    }

    /** True for Amazon's own endpoints, where virtual-hosted addressing is the default. */
    public boolean isAws() {
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        return host.equals("amazonaws.com") || host.endsWith(".amazonaws.com");
    }

    /** The object key of a repository path ({@code config}, {@code data/ab/ab…}) under the prefix. */
    public String key(String relativePath) {
        return prefix.isEmpty() ? relativePath : prefix + "/" + relativePath;
    }

    @Override
    public String toString() {
        return SCHEME + endpoint + "/" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    private static String trimSlashes(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '/') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '/') {
            to--;
        }
        return s.substring(from, to);
    }
}
