package io.cairn.cli.repo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.cli.RepositoryAccess;
import io.cairn.repository.Id;
import io.cairn.repository.Json;
import io.cairn.repository.Repository;
import io.cairn.repository.restorer.TreeEntry;
import io.cairn.repository.restorer.TreeNavigator;
import io.cairn.repository.snapshot.Snapshot;
import io.cairn.repository.tree.GoFileMode;
import io.cairn.repository.tree.Node;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List the files in a snapshot, or under a path in it.")
public final class RepoLsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot ID, unique prefix or 'latest'.")
    String ref;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "Only this path and what is below it.")
    String path;

    @Option(names = {"-l", "--long"}, description = "Show mode, owner, size and modification time.")
    boolean longFormat;

    @Option(names = "--json", description = "One JSON object per entry.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Repository repo = RepositoryAccess.open(spec)) {
            Snapshot snapshot = repo.findSnapshot(ref);
            repo.blobs().loadIndex();
            TreeNavigator navigator = new TreeNavigator(repo.blobs());
            if (!json) {
                out.printf("snapshot %s of %s at %s:%n", snapshot.id().shortString(), snapshot.paths(),
                        TIME.format(snapshot.time()));
            }
            String base = path == null ? "" : trimSlashes(path);
            Id tree = snapshot.tree();
            if (!base.isEmpty()) {
                Node node = navigator.resolve(snapshot.tree(), base);
                print(out, "/" + base, node);
                if (!node.isDirectory()) {
                    return 0;
                }
                tree = node.subtree();
            }
            for (Iterator<TreeEntry> it = navigator.list(tree); it.hasNext(); ) {
                TreeEntry e = it.next();
                print(out, (base.isEmpty() ? "" : "/" + base) + "/" + e.path(), e.node());
            }
        }
        return 0;
    }

    private void print(PrintWriter out, String fullPath, Node n) throws Exception {
        if (json) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("name", n.name());
            o.put("type", n.type().jsonName());
            o.put("path", fullPath);
            o.put("uid", n.uid());
            o.put("gid", n.gid());
            o.put("size", n.size());
            o.put("mode", n.mode());
            if (n.mtime() != null) {
                o.put("mtime", Json.formatTime(n.mtime()));
            }
            out.println(Json.MAPPER.writeValueAsString(o));
        } else if (longFormat) {
            out.printf("%s %5d %5d %12d %s %s%s%n", modeString(n), n.uid(), n.gid(), n.size(),
                    n.mtime() == null ? "" : TIME.format(n.mtime()), printable(fullPath),
                    n.linkTarget() != null ? " -> " + printable(n.linkTarget()) : "");
        } else {
            out.println(printable(fullPath));
        }
    }

    static String modeString(Node n) {
        char type = switch (n.type()) {
            case DIR -> 'd';
            case SYMLINK -> 'L';
            case DEV -> 'D';
            case CHARDEV -> 'c';
            case FIFO -> 'p';
            case SOCKET -> 'S';
            case IRREGULAR -> '?';
            default -> '-';
        };
        int perm = GoFileMode.toUnixPermissions(n.mode());
        StringBuilder sb = new StringBuilder().append(type);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((perm & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return sb.toString();
    }

    /** Control characters in names would let a hostile snapshot rewrite the terminal; show them escaped. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String trimSlashes(String p) {
        String s = p;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
