package io.cairn.cli.repo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.cli.RepositoryAccess;
import io.cairn.repository.Json;
import io.cairn.repository.Repository;
import io.cairn.repository.snapshot.Snapshot;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "snapshots", mixinStandardHelpOptions = true,
        description = "List the snapshots in the repository, oldest first.")
public final class RepoSnapshotsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array (the fields restic prints, plus id and short_id).")
    boolean json;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only snapshots with this tag (repeatable: all must match).")
    List<String> tags = List.of();

    @Option(names = "--host", paramLabel = "HOST", description = "Only snapshots of this host.")
    String host;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Repository repo = RepositoryAccess.open(spec)) {
            List<Snapshot> snapshots = repo.listSnapshots().stream()
                    .filter(s -> host == null || host.equals(s.hostname()))
                    .filter(s -> tags.stream().allMatch(s::hasTag))
                    .toList();
            if (json) {
                ArrayNode array = Json.MAPPER.createArrayNode();
                for (Snapshot s : snapshots) {
                    ObjectNode node = Json.MAPPER.valueToTree(s);
                    node.put("id", s.id().toString());
                    node.put("short_id", s.id().shortString());
                    array.add(node);
                }
                out.println(Json.MAPPER.writeValueAsString(array));
                return 0;
            }
            String header = String.format("%-8s  %-19s  %-16s  %-20s  %s", "ID", "Time", "Host", "Tags", "Paths");
            out.println(header);
            out.println("-".repeat(Math.max(60, header.length() + 10)));
            for (Snapshot s : snapshots) {
                out.printf("%-8s  %-19s  %-16s  %-20s  %s%n", s.id().shortString(),
                        TIME.format(s.time().atZoneSameInstant(ZoneId.systemDefault())),
                        s.hostname() == null ? "" : s.hostname(),
                        s.tags() == null ? "" : String.join(",", s.tags()),
                        String.join(", ", s.paths()));
            }
            out.println("-".repeat(Math.max(60, header.length() + 10)));
            out.printf("%d snapshot%s%n", snapshots.size(), snapshots.size() == 1 ? "" : "s");
        }
        return 0;
    }
}
