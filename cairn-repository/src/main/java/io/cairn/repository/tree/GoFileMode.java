package io.cairn.repository.tree;

/**
 * Bits of Go's {@code os.FileMode}, which restic stores in a node's {@code mode}. The low nine bits are the
 * Unix permissions; type and special bits live at the top instead of where {@code stat} puts them.
 */
public final class GoFileMode {
    public static final long DIR = 1L << 31;
    public static final long APPEND = 1L << 30;
    public static final long EXCLUSIVE = 1L << 29;
    public static final long TEMPORARY = 1L << 28;
    public static final long SYMLINK = 1L << 27;
    public static final long DEVICE = 1L << 26;
    public static final long NAMED_PIPE = 1L << 25;
    public static final long SOCKET = 1L << 24;
    public static final long SETUID = 1L << 23;
    public static final long SETGID = 1L << 22;
    public static final long CHAR_DEVICE = 1L << 21;
    public static final long STICKY = 1L << 20;
    public static final long IRREGULAR = 1L << 19;
    public static final long PERM = 0777;

    private GoFileMode() {
    }

    /** Converts a {@code st_mode} (type bits 0170000, special bits 07000) into a Go FileMode. */
    public static long fromUnix(int stMode) {
        long mode = stMode & PERM;
        switch (stMode & 0170000) {
            case 0040000 -> mode |= DIR;
            case 0120000 -> mode |= SYMLINK;
            case 0060000 -> mode |= DEVICE;
            case 0020000 -> mode |= DEVICE | CHAR_DEVICE;
            case 0010000 -> mode |= NAMED_PIPE;
            case 0140000 -> mode |= SOCKET;
            default -> { }
        }
        if ((stMode & 04000) != 0) {
            mode |= SETUID;
        }
        if ((stMode & 02000) != 0) {
            mode |= SETGID;
        }
        if ((stMode & 01000) != 0) {
            mode |= STICKY;
        }
        return mode;
    }

    /** The permission and special bits (07777) of a Go FileMode, as chmod takes them. */
    public static int toUnixPermissions(long goMode) {
        int mode = (int) (goMode & PERM);
        if ((goMode & SETUID) != 0) {
            mode |= 04000;
        }
        if ((goMode & SETGID) != 0) {
            mode |= 02000;
        }
        if ((goMode & STICKY) != 0) {
            mode |= 01000;
        }
        return mode;
    }
}
