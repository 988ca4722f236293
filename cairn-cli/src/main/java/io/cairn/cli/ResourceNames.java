package io.cairn.cli;

import java.util.regex.Pattern;

/** Names of backups and restores: what Kubernetes accepts as an object name, so the operator can use them too. */
public final class ResourceNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private ResourceNames() {
    }

    public static String require(String kind, String name) {
        if (!NAME.matcher(name).matches()) {
            throw CliException.usage(kind + " name '" + name + "' is not valid: use lower-case letters, digits, '-' and '.', "
                    + "starting and ending with a letter or digit");
        }
        return name;
    }
}
