package io.cairn.repository.cache;

import io.cairn.repository.backend.DirectoryTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the local cache lives: a root ({@code $CAIRN_CACHE_DIR}, else {@code $XDG_CACHE_HOME/cairn}, else
 * {@code ~/.cache/cairn}) tagged with a {@code CACHEDIR.TAG} (so backup tools skip it), holding one directory
 * per repository named by the repository ID from its config file, so two repositories never share files.
 * Each use marks its repository's directory (its modification time); directories of repositories unused for
 * {@link #MAX_AGE} are removed, as restic's cache does with {@code --cleanup-cache}.
 */
public final class CacheDirectory {
    public static final String ENV = "CAIRN_CACHE_DIR";
    /** The signature the Cache Directory Tagging Specification asks for (bford.info/cachedir). */
    static final String TAG = "Signature: 8a477f597d28d172789f06886806bc55\n"
            + "# This file is a cache directory tag created by cairn.\n"
            + "# For information about cache directory tags, see https://bford.info/cachedir/\n";
    private static final Pattern REPOSITORY_ID = Pattern.compile("[0-9a-f]{64}");
    static final Duration MAX_AGE = Duration.ofDays(30);

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
        Instant now = Instant.now();
        try {
            Files.setLastModifiedTime(dir, FileTime.from(now));
        } catch (IOException e) {
            // a shared cache directory made by another user: its files still mark it as used
        }
        removeUnused(root, now);
        return dir;
    }

    /** Removes the directories of repositories not used since {@code now - MAX_AGE}; best effort. */
    static void removeUnused(Path root, Instant now) {
        Instant cutoff = now.minus(MAX_AGE);
        List<Path> dirs;
        try (Stream<Path> list = Files.list(root)) {
            dirs = list.filter(p -> REPOSITORY_ID.matcher(p.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            return;
        }
        for (Path dir : dirs) {
            try {
                if (lastUsed(dir).isBefore(cutoff)) {
                    DirectoryTree.remove(dir);
                }
            } catch (IOException | RuntimeException e) {
                // another user's, or in use and changing: left for a later run
            }
        }
    }

    /**
     * When a repository's directory was last used: its own time (set on each use) or that of its index/,
     * snapshots/ or data/ (which change as copies are added), whichever is newer; caches made before the
     * directory itself was marked show their use only in the latter.
     */
    private static Instant lastUsed(Path dir) throws IOException {
        Instant newest = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                Instant t = Files.getLastModifiedTime(child, LinkOption.NOFOLLOW_LINKS).toInstant();
                if (t.isAfter(newest)) {
                    newest = t;
                }
            }
        }
        return newest;
    }
}
