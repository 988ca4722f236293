package io.cairn.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where the repository password comes from, in order: {@code --password-file}, env {@code CAIRN_PASSWORD},
 * an interactive prompt. Never a command-line argument, never logged, no default.
 */
final class PasswordSource {
    static final String ENV = "CAIRN_PASSWORD";

    private PasswordSource() {
    }

    static char[] read(Path passwordFile, String purpose) {
        if (passwordFile != null) {
            return fromFile(passwordFile);
        }
        String env = System.getenv(ENV);
        if (env != null) {
            if (env.isEmpty()) {
                throw CliException.usage(ENV + " is set but empty; set it to the repository password");
            }
            return env.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw CliException.usage("no password given: set " + ENV + " or pass --password-file FILE");
        }
        char[] password = console.readPassword("%s: ", purpose);
        if (password == null || password.length == 0) {
            throw CliException.usage("empty password");
        }
        return password;
    }

    /** Asks twice on a terminal (for new keys); from a file or env, reads once. */
    static char[] readNew(Path passwordFile, String purpose) {
        if (passwordFile != null || System.getenv(ENV) != null || System.console() == null) {
            return read(passwordFile, purpose);
        }
        char[] first = read(null, purpose);
        char[] second = System.console().readPassword("%s (again): ", purpose);
        if (second == null || !Arrays.equals(first, second)) {
            throw CliException.usage("the passwords do not match");
        }
        Arrays.fill(second, '\0');
        return first;
    }

    static char[] fromFile(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            Arrays.fill(bytes, (byte) 0);
            int end = text.indexOf('\n');
            String line = end >= 0 ? text.substring(0, end) : text;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                throw CliException.usage("password file " + file + " is empty");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw CliException.usage("cannot read password file " + file + ": " + e.getMessage());
        }
    }
}
