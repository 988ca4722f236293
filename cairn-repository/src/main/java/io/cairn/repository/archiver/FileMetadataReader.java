package io.cairn.repository.archiver;

import io.cairn.repository.tree.ExtendedAttribute;
import io.cairn.repository.tree.GoFileMode;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.NodeType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a file system entry's metadata into a {@link Node} with the fields restic 0.14 sets
 * ({@code internal/restic/node.go}, {@code NodeFromFileInfo} and {@code fillExtra}):
 * <ul>
 *   <li>every type: name, type, mode (Go FileMode), mtime, atime, ctime, uid, gid, user, group, inode and
 *       device_id; files and directories also their {@code user.*} extended attributes (the JDK reads them
 *       through an open descriptor, which must never be taken on a fifo or device);</li>
 *   <li>file: size and links; symlink: linktarget and links; dev/chardev: device (st_rdev) and links;
 *       dir, fifo, socket: nothing more.</li>
 * </ul>
 * {@code content} and {@code subtree} stay null; the archiver fills them. Like restic without
 * {@code --with-atime}, atime is recorded as mtime unless {@code withAtime} is set (so that reading a file
 * does not change its tree blob). Thread-safe; user and group names are looked up once per ID.
 */
public final class FileMetadataReader {
    private static final String ATTRIBUTES =
            "unix:mode,ino,dev,rdev,nlink,uid,gid,size,lastModifiedTime,lastAccessTime,ctime";
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final LinkOption[] FOLLOW = {};

    private final boolean withAtime;
    private final ZoneId zone;
    private final Map<Long, String> userNames = new ConcurrentHashMap<>();
    private final Map<Long, String> groupNames = new ConcurrentHashMap<>();

    public FileMetadataReader(boolean withAtime) {
        this(withAtime, ZoneId.systemDefault());
    }

    public FileMetadataReader(boolean withAtime, ZoneId zone) {
        this.withAtime = withAtime;
        this.zone = zone;
    }

    /** The node for {@code path} itself (a symlink is recorded as a symlink), named {@code name}. */
    public Node read(Path path, String name) throws IOException {
        return read(path, name, false);
    }

    /**
     * The node for {@code path}, named {@code name}. With {@code followLinks} a symlink is resolved first, as
     * restic does for the directories above a backup target.
     */
    public Node read(Path path, String name, boolean followLinks) throws IOException {
        return read(path, name, followLinks, null);
    }

    /**
     * The node for {@code path} itself, taking its extended attributes from {@code previous} (the same entry in
     * the parent snapshot) when that proves they have not changed: same type, inode and ctime. Setting or
     * removing an extended attribute updates ctime (Linux, as POSIX's "status change"; no system call sets
     * ctime back), so an equal ctime means the attributes recorded then are the attributes now, and listing them
     * (which the JDK does through an open descriptor: open, flistxattr, close per entry) can be skipped. This is
     * the check restic's change detection already trusts for the content.
     */
    public Node read(Path path, String name, Node previous) throws IOException {
        return read(path, name, false, previous);
    }

    private Node read(Path path, String name, boolean followLinks, Node previous) throws IOException {
        LinkOption[] options = followLinks ? FOLLOW : NOFOLLOW;
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, options);
        int stMode = (Integer) a.get("mode");
        NodeType type = typeOf(stMode);
        long uid = Integer.toUnsignedLong((Integer) a.get("uid"));
        long gid = Integer.toUnsignedLong((Integer) a.get("gid"));
        long links = Integer.toUnsignedLong((Integer) a.get("nlink"));
        OffsetDateTime mtime = time((FileTime) a.get("lastModifiedTime"));
        OffsetDateTime atime = withAtime ? time((FileTime) a.get("lastAccessTime")) : mtime;
        OffsetDateTime ctime = time((FileTime) a.get("ctime"));

        long size = 0;
        long nodeLinks = 0;
        long device = 0;
        String linkTarget = null;
        switch (type) {
            case FILE -> {
                size = (Long) a.get("size");
                nodeLinks = links;
            }
            case SYMLINK -> {
                linkTarget = Files.readSymbolicLink(path).toString();
                nodeLinks = links;
            }
            case DEV, CHARDEV -> {
                device = (Long) a.get("rdev");
                nodeLinks = links;
            }
            default -> { }
        }
        // The JDK opens the file to list attributes: never do that to a fifo (blocks) or a device.
        List<ExtendedAttribute> xattrs = null;
        if (type == NodeType.FILE || type == NodeType.DIR) {
            long inode = (Long) a.get("ino");
            xattrs = previous != null && previous.type() == type && previous.inode() == inode
                    && previous.ctime() != null && previous.ctime().isEqual(ctime)
                    ? userAttributes(previous.extendedAttributes())
                    : extendedAttributes(path, options);
        }
        return new Node(name, type, GoFileMode.fromUnix(stMode), mtime, atime, ctime, uid, gid,
                userName(path, uid, options), groupName(path, gid, options), (Long) a.get("ino"),
                (Long) a.get("dev"), size, nodeLinks, linkTarget, xattrs, device,
                null, null, null);
    }

    static NodeType typeOf(int stMode) {
        return switch (stMode & 0170000) {
            case 0040000 -> NodeType.DIR;
            case 0120000 -> NodeType.SYMLINK;
            case 0060000 -> NodeType.DEV;
            case 0020000 -> NodeType.CHARDEV;
            case 0010000 -> NodeType.FIFO;
            case 0140000 -> NodeType.SOCKET;
            default -> NodeType.FILE;
        };
    }

    private OffsetDateTime time(FileTime t) {
        return OffsetDateTime.ofInstant(t.toInstant(), zone);
    }

    /** The JDK resolves names with getpwuid/getgrgid and falls back to the number; restic records "" then. */
    private String userName(Path path, long uid, LinkOption[] options) {
        String name = userNames.get(uid);
        if (name == null) {
            try {
                UserPrincipal owner = (UserPrincipal) Files.getAttribute(path, "unix:owner", options);
                name = owner.getName().equals(Long.toString(uid)) ? "" : owner.getName();
            } catch (IOException | RuntimeException e) {
                name = "";
            }
            userNames.put(uid, name);
        }
        return name.isEmpty() ? null : name;
    }

    private String groupName(Path path, long gid, LinkOption[] options) {
        String name = groupNames.get(gid);
        if (name == null) {
            try {
                GroupPrincipal group = (GroupPrincipal) Files.getAttribute(path, "unix:group", options);
                name = group.getName().equals(Long.toString(gid)) ? "" : group.getName();
            } catch (IOException | RuntimeException e) {
                name = "";
            }
            groupNames.put(gid, name);
        }
        return name.isEmpty() ? null : name;
    }

    /** The {@code user.*} attributes of a recorded list (a restic parent may hold others); null when none. */
    private static List<ExtendedAttribute> userAttributes(List<ExtendedAttribute> recorded) {
        if (recorded == null || recorded.isEmpty()) {
            return null;
        }
        List<ExtendedAttribute> result = new ArrayList<>(recorded.size());
        for (ExtendedAttribute x : recorded) {
            if (x.name() != null && x.name().startsWith("user.")) {
                result.add(x);
            }
        }
        return result.isEmpty() ? null : List.copyOf(result);
    }

    /** The {@code user.*} attributes in the order the file system lists them; null when none or unreadable. */
    private static List<ExtendedAttribute> extendedAttributes(Path path, LinkOption[] options) {
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(path, UserDefinedFileAttributeView.class, options);
        if (view == null) {
            return null;
        }
        try {
            List<String> names = view.list();
            if (names.isEmpty()) {
                return null;
            }
            List<ExtendedAttribute> result = new ArrayList<>(names.size());
            for (String name : names) {
                try {
                    ByteBuffer buf = ByteBuffer.allocate(view.size(name));
                    view.read(name, buf);
                    byte[] value = new byte[buf.flip().remaining()];
                    buf.get(value);
                    result.add(new ExtendedAttribute("user." + name, value));
                } catch (IOException | RuntimeException e) {
                    // restic skips an attribute it cannot read
                }
            }
            return result.isEmpty() ? null : List.copyOf(result);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
