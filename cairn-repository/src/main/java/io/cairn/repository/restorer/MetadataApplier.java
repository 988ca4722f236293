package io.cairn.repository.restorer;

import io.cairn.repository.tree.ExtendedAttribute;
import io.cairn.repository.tree.GoFileMode;
import io.cairn.repository.tree.NodeType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Sets an entry's metadata after its content, never following a symlink, in the order that keeps each
 * step from undoing the last: owner (chown clears setuid), extended attributes, times, then mode (a
 * read-only mode must not block the steps before it). Failures become warnings.
 *
 * <p>Fifos and devices are not touched through the JDK's NOFOLLOW views, which open the entry (blocking on
 * a fifo, with side effects on some devices); their mode is set by path (the entry was just created by this
 * restore in a checked directory) and their times with {@code touch -h}.
 */
final class MetadataApplier {
    private static final String USER_PREFIX = "user.";
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** Where warnings go; called from several threads at once. */
    interface Warnings {
        void warning(PlannedEntry entry, String message);
    }

    private final boolean ownership;
    private final Warnings reporter;

    MetadataApplier(boolean ownership, Warnings reporter) {
        this.ownership = ownership;
        this.reporter = reporter;
    }

    void apply(Path path, PlannedEntry entry) {
        NodeType type = entry.type;
        boolean opensSafely = type == NodeType.FILE || type == NodeType.DIR;
        // One lstat up front: owner and mode are changed only where they differ, which on a restore as root of
        // root's files (or any file whose mode matches what the umask gave it) saves two lchown and an
        // open+fchmod+close per entry. Nothing between this stat and the mode step changes the mode except a
        // chown (it clears setuid/setgid), so after a chown the mode is always set again.
        Map<String, Object> now = null;
        if (ownership || opensSafely) {
            try {
                now = Files.readAttributes(path, "unix:uid,gid,mode", NOFOLLOW);
            } catch (IOException | RuntimeException e) {
                now = null; // every step below is then done unconditionally, and reports its own failure
            }
        }
        boolean chowned = false;
        if (ownership) {
            try {
                if (now == null || ((Number) now.get("uid")).intValue() != (int) entry.uid) {
                    Files.setAttribute(path, "unix:uid", (int) entry.uid, NOFOLLOW);
                    chowned = true;
                }
                if (now == null || ((Number) now.get("gid")).intValue() != (int) entry.gid) {
                    Files.setAttribute(path, "unix:gid", (int) entry.gid, NOFOLLOW);
                    chowned = true;
                }
            } catch (IOException | RuntimeException e) {
                reporter.warning(entry, "cannot set owner " + entry.uid + ":" + entry.gid + ": " + describe(e));
            }
        }
        if (opensSafely) {
            applyXattrs(path, entry);
        }
        try {
            if (type == NodeType.SYMLINK || opensSafely) {
                Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW)
                        .setTimes(fileTime(entry.mtime()), fileTime(entry.atime()), null);
            } else {
                touch(path, "-m", entry.mtime());
                touch(path, "-a", entry.atime());
            }
        } catch (IOException | RuntimeException e) {
            reporter.warning(entry, "cannot set times: " + describe(e));
        }
        if (type != NodeType.SYMLINK) {
            try {
                int mode = GoFileMode.toUnixPermissions(entry.mode);
                if (opensSafely && !chowned && now != null && (((Number) now.get("mode")).intValue() & 07777) == mode) {
                    // already so
                } else if (opensSafely) {
                    Files.setAttribute(path, "unix:mode", mode, NOFOLLOW);
                } else {
                    Files.setAttribute(path, "unix:mode", mode);
                }
            } catch (IOException | RuntimeException e) {
                reporter.warning(entry, "cannot set mode: " + describe(e));
            }
        }
    }

    private void applyXattrs(Path path, PlannedEntry entry) {
        List<ExtendedAttribute> xattrs = entry.extendedAttributes;
        if (xattrs == null || xattrs.isEmpty()) {
            return;
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class, NOFOLLOW);
        for (ExtendedAttribute xattr : xattrs) {
            if (xattr.name() == null || !xattr.name().startsWith(USER_PREFIX)) {
                continue; // only user.* can be restored portably; see the report on trusted/security attributes
            }
            try {
                if (view == null) {
                    throw new UnsupportedOperationException("extended attributes are not supported here");
                }
                byte[] value = xattr.value() == null ? new byte[0] : xattr.value();
                view.write(xattr.name().substring(USER_PREFIX.length()), ByteBuffer.wrap(value));
            } catch (IOException | RuntimeException e) {
                reporter.warning(entry, "cannot set extended attribute " + xattr.name() + ": " + describe(e));
            }
        }
    }

    private static FileTime fileTime(Instant t) {
        return t == null ? null : FileTime.from(t);
    }

    private static void touch(Path path, String which, Instant i) throws IOException {
        if (i == null) {
            return;
        }
        String seconds = BigDecimal.valueOf(i.getEpochSecond()).add(BigDecimal.valueOf(i.getNano(), 9)).toPlainString();
        SafeFs.run(List.of("/usr/bin/touch", "-h", which, "-d", "@" + seconds, "--", path.toString()));
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage();
    }
}
