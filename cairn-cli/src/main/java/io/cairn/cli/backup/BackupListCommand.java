package io.cairn.cli.backup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.cli.OutputFormat;
import io.cairn.cli.RepositoryAccess;
import io.cairn.kube.backup.BackupCatalog;
import io.cairn.kube.backup.BackupManifest;
import io.cairn.repository.Json;
import io.cairn.repository.Repository;
import io.cairn.repository.snapshot.Snapshot;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the backups in the repository, oldest first.")
public final class BackupListCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");

    @Spec
    CommandSpec spec;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Repository repo = RepositoryAccess.open(spec)) {
            repo.blobs().loadIndex();
            ArrayNode json = Json.MAPPER.createArrayNode();
            if (!output.json()) {
                out.printf("%-24s %-18s %-26s %8s  %-16s %s%n", "NAME", "STATUS", "CREATED", "OBJECTS", "CLUSTER", "SNAPSHOT");
            }
            for (Snapshot s : new BackupCatalog(repo).list()) {
                BackupManifest m = BackupManifest.load(repo.blobs(), s.tree());
                String status = m.phase().name().toLowerCase().replace('_', '-');
                if (output.json()) {
                    ObjectNode n = json.addObject();
                    n.put("name", m.name());
                    n.put("status", status);
                    n.put("created", m.startTime().toString());
                    n.put("objects", m.objectCount());
                    n.put("cluster", s.hostname());
                    n.put("snapshot", s.id().toString());
                } else {
                    out.printf("%-24s %-18s %-26s %8d  %-16s %s%n", m.name(), status, TIME.format(m.startTime()),
                            m.objectCount(), s.hostname() == null ? "" : s.hostname(), s.id().shortString());
                }
            }
            if (output.json()) {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            }
        }
        return 0;
    }
}
