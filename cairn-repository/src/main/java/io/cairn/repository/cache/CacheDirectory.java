package io.cairn.repository.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the local cache lives: a root ({@code $CAIRN_CACHE_DIR}, else {@code $XDG_CACHE_HOME/cairn}, else
 * {@code ~/.cache/cairn}) tagged with a {@code CACHEDIR.TAG} (so backup tools skip it), holding one directory
 * per repository named by the repository ID from its config file, so two repositories never share files.
 */
public final class CacheDirectory {
    public static final String ENV = "CAIRN_CACHE_DIR";
    /** The signature the Cache Directory Tagging Specification asks for (bford.info/cachedir). */
    static final String TAG = "Signature: 8a477f597d28d172789f06886806bc55\n"
            + "# This file is a cache directory tag created by cairn.\n"
            + "# For information about cache directory tags, see https://bford.info/cachedir/\n";
    private static final Pattern REPOSITORY_ID = Pattern.compile("[0-9a-f]{64}");

    private CacheDirectory() {
    }

    /** The default root from the environment, following the XDG base directory specification. */
    public static Path defaultRoot(Map<String, String> env) {
        String own = env.get(ENV);
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "cairn");
        }
        String home = env.get("HOME"); // as the shell has it; the JVM's user.home comes from the password file
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cache", "cairn");
    }

    /**
     * Creates (when missing) the root, its tag and the directory of one repository, and returns the latter.
     *
     * @throws IOException when a directory cannot be created, or the ID is not a repository ID
     */
    public static Path prepare(Path root, String repositoryId) throws IOException {
        if (!REPOSITORY_ID.matcher(repositoryId).matches()) {
            throw new IOException("repository ID '" + repositoryId + "' is not 64 hex digits");
        }
        Files.createDirectories(root);
        Path tag = root.resolve("CACHEDIR.TAG");
        if (!Files.exists(tag)) {
            try {
                Files.writeString(tag, TAG, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                // another process wrote it
            }
        }
        Path dir = root.resolve(repositoryId);
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IOException(dir + " is not writable");
        }
        return dir;
    }
}
