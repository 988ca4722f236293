package io.cairn.kube.selection;

import java.util.regex.Pattern;

/**
 * One --app: a workload named by KIND/NAME in a namespace. KIND is a kind or resource name, optionally with
 * its group ("statefulset", "Deployment", "deployments.apps", "cassandradatacenters.cassandra.example.com").
 */
public record AppRef(String namespace, String kind, String name) {
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[a-z0-9]([-a-z0-9.]*[a-z0-9])?)?");

    public AppRef {
        if (namespace == null || namespace.isBlank()) {
            throw new InvalidRequestException("--app " + kind + "/" + name + " needs a namespace (-n NAMESPACE)");
        }
        if (!DNS_NAME.matcher(namespace).matches()) {
            throw new InvalidRequestException("bad namespace '" + namespace + "'");
        }
    }

    /** Parses "KIND/NAME" for the given namespace. */
    public static AppRef parse(String kindSlashName, String namespace) {
        String s = kindSlashName == null ? "" : kindSlashName.strip();
        int slash = s.indexOf('/');
        if (slash <= 0 || slash == s.length() - 1 || s.indexOf('/', slash + 1) >= 0) {
            throw new InvalidRequestException("bad app '" + kindSlashName + "': expected KIND/NAME, e.g. statefulset/db");
        }
        String kind = s.substring(0, slash);
        String name = s.substring(slash + 1);
        if (!KIND.matcher(kind).matches()) {
            throw new InvalidRequestException("bad app '" + kindSlashName + "': '" + kind + "' is not a kind");
        }
        if (name.length() > 253 || !DNS_NAME.matcher(name).matches()) {
            throw new InvalidRequestException("bad app '" + kindSlashName + "': '" + name + "' is not an object name");
        }
        return new AppRef(namespace, kind, name);
    }

    @Override
    public String toString() {
        return kind.toLowerCase(java.util.Locale.ROOT) + "/" + name + " in " + namespace;
    }
}
