package io.cairn.cli.repo;

import io.cairn.cli.CliException;
import io.cairn.cli.RepositoryAccess;
import io.cairn.repository.Repository;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.lock.Lock;
import io.cairn.repository.prune.Forget;
import io.cairn.repository.prune.ForgetPolicy;
import io.cairn.repository.snapshot.Snapshot;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "forget", mixinStandardHelpOptions = true,
        description = {"Remove snapshots: those named, or those a retention policy does not keep (as restic forget).",
                "Snapshots are grouped by host and paths (--group-by) and the policy applies to each group.",
                "Only snapshot files are removed; run with --prune (or `cairn repo prune`) to free the data."})
public final class RepoForgetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SNAPSHOT", arity = "0..*", description = "Snapshot IDs (or unique prefixes) to remove.")
    List<String> ids = new ArrayList<>();

    @Option(names = {"-l", "--keep-last"}, paramLabel = "N", description = "Keep the last N snapshots.")
    int last;
    @Option(names = {"-H", "--keep-hourly"}, paramLabel = "N", description = "Keep the last N hourly snapshots.")
    int hourly;
    @Option(names = {"-d", "--keep-daily"}, paramLabel = "N", description = "Keep the last N daily snapshots.")
    int daily;
    @Option(names = {"-w", "--keep-weekly"}, paramLabel = "N", description = "Keep the last N weekly snapshots.")
    int weekly;
    @Option(names = {"-m", "--keep-monthly"}, paramLabel = "N", description = "Keep the last N monthly snapshots.")
    int monthly;
    @Option(names = {"-y", "--keep-yearly"}, paramLabel = "N", description = "Keep the last N yearly snapshots.")
    int yearly;
    @Option(names = "--keep-within", paramLabel = "DURATION",
            description = "Keep snapshots newer than DURATION (e.g. 1y5m7d2h) before the newest snapshot.")
    String within;
    @Option(names = "--keep-tag", paramLabel = "TAG[,TAG…]", description = "Keep snapshots with all these tags (repeatable).")
    List<String> keepTags = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG[,TAG…]", description = "Only consider snapshots with all these tags (repeatable: any).")
    List<String> tags = new ArrayList<>();
    @Option(names = "--host", paramLabel = "HOST", description = "Only consider snapshots of this host (repeatable).")
    List<String> hosts = new ArrayList<>();
    @Option(names = {"-g", "--group-by"}, paramLabel = "host,paths,tags", defaultValue = "host,paths",
            description = "Group snapshots by these fields (default: ${DEFAULT-VALUE}); empty for one group.")
    String groupBy;

    @Option(names = {"-n", "--dry-run"}, description = "Only print what would be removed.")
    boolean dryRun;
    @Option(names = "--prune", description = "Prune unused data afterwards.")
    boolean prune;
    @Option(names = "--max-unused", paramLabel = "PERCENT", defaultValue = "5", description = "With --prune: see `repo prune`.")
    String maxUnused;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ForgetPolicy policy = policy();
        Set<Forget.GroupBy> groups = parseGroupBy(groupBy);
        if (ids.isEmpty() && policy.isEmpty()) {
            throw CliException.usage("nothing to forget: name snapshots or give a policy (--keep-last, --keep-daily, …)");
        }
        try (Repository repo = RepositoryAccess.open(spec); Lock lock = repo.lockExclusive()) {
            List<Snapshot> remove = new ArrayList<>();
            if (!ids.isEmpty()) {
                for (String id : ids) {
                    remove.add(repo.findSnapshot(id));
                }
            } else {
                List<Snapshot> selected = repo.listSnapshots().stream().filter(this::selected).toList();
                for (Forget.Group g : Forget.apply(selected, policy, groups, ZoneId.systemDefault())) {
                    out.println("snapshots for " + (g.key().isEmpty() ? "all" : g.key()) + ":");
                    for (Forget.Decision d : g.decisions()) {
                        out.printf("  %s %s  %s%n", d.keep() ? "keep  " : "remove", d.snapshot().id().shortString(),
                                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(
                                        d.snapshot().time().atZoneSameInstant(ZoneId.systemDefault()))
                                        + (d.keep() ? "  (" + String.join(", ", d.reasons()) + ")" : ""));
                    }
                    remove.addAll(g.remove());
                }
            }
            if (dryRun) {
                out.println("would remove " + remove.size() + " snapshot" + (remove.size() == 1 ? "" : "s"));
                if (prune) {
                    RepoPruneCommand.run(repo, RepoPruneCommand.parsePercent(maxUnused), true, out);
                }
                return 0;
            }
            for (Snapshot s : remove) {
                repo.backend().remove(Handle.of(FileType.SNAPSHOT, s.id()));
            }
            out.println("removed " + remove.size() + " snapshot" + (remove.size() == 1 ? "" : "s"));
            if (prune && !remove.isEmpty()) {
                RepoPruneCommand.run(repo, RepoPruneCommand.parsePercent(maxUnused), false, out);
            }
        }
        return 0;
    }

    private ForgetPolicy policy() {
        Duration w = Duration.ZERO;
        if (within != null) {
            try {
                w = ForgetPolicy.parseWithin(within);
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage());
            }
        }
        List<List<String>> keep = keepTags.stream().map(RepoForgetCommand::tagList).toList();
        return new ForgetPolicy(last, hourly, daily, weekly, monthly, yearly, w, keep);
    }

    private boolean selected(Snapshot s) {
        if (!hosts.isEmpty() && !hosts.contains(s.hostname())) {
            return false;
        }
        if (tags.isEmpty()) {
            return true;
        }
        return tags.stream().map(RepoForgetCommand::tagList)
                .anyMatch(all -> s.tags() != null && s.tags().containsAll(all));
    }

    private static List<String> tagList(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    static Set<Forget.GroupBy> parseGroupBy(String s) {
        Set<Forget.GroupBy> out = EnumSet.noneOf(Forget.GroupBy.class);
        for (String f : s.split(",")) {
            String v = f.trim().toLowerCase(Locale.ROOT);
            switch (v) {
                case "" -> { }
                case "host" -> out.add(Forget.GroupBy.HOST);
                case "paths" -> out.add(Forget.GroupBy.PATHS);
                case "tags" -> out.add(Forget.GroupBy.TAGS);
                default -> throw CliException.usage("invalid --group-by field '" + f + "': use host, paths, tags");
            }
        }
        return out;
    }
}
