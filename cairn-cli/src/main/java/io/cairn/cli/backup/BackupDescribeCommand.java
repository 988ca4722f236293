package io.cairn.cli.backup;

import io.cairn.cli.OutputFormat;
import io.cairn.cli.RepositoryAccess;
import io.cairn.cli.VolumeLines;
import io.cairn.kube.backup.BackupCatalog;
import io.cairn.kube.backup.BackupManifest;
import io.cairn.kube.backup.ItemProblem;
import io.cairn.kube.backup.ManifestItem;
import io.cairn.repository.Json;
import io.cairn.repository.Repository;
import io.cairn.repository.snapshot.Snapshot;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show what a backup asked for, what it captured and every warning and error.")
public final class BackupDescribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputFormat output;

    @Parameters(paramLabel = "NAME", description = "The backup.")
    String name;

    @Option(names = "--details", description = "List every captured object and why it was included.")
    boolean details;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Repository repo = RepositoryAccess.open(spec)) {
            Snapshot snapshot = new BackupCatalog(repo).find(name);
            repo.blobs().loadIndex();
            BackupManifest m = BackupManifest.load(repo.blobs(), snapshot.tree());
            if (output.json()) {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(m));
                return 0;
            }
            out.println("Name:        " + m.name());
            out.println("Status:      " + m.phase().name().toLowerCase().replace('_', '-'));
            out.println("Snapshot:    " + snapshot.id().shortString() + " (restic-compatible; tree " + snapshot.tree().shortString() + ")");
            if (m.cluster() != null) {
                out.println("Cluster:     " + snapshot.hostname() + " " + m.cluster().server() + " (Kubernetes " + m.cluster().serverVersion() + ")");
            }
            out.println("Started:     " + m.startTime());
            out.println("Completed:   " + m.endTime() + " (" + Duration.between(m.startTime(), m.endTime()).toMillis() + " ms)");
            out.println("Cairn:       " + m.cairnVersion());
            out.println("Request:     " + Json.MAPPER.writeValueAsString(m.request()));
            out.println("Objects:     " + m.objectCount());
            for (Map.Entry<String, Long> e : m.counts().entrySet()) {
                out.printf("  %-40s %d%n", e.getKey(), e.getValue());
            }
            out.println("Volumes:     " + m.volumes().size());
            m.volumes().forEach(v -> out.println("  " + VolumeLines.of(v)));
            out.println("Warnings:    " + m.warnings().size());
            for (ItemProblem w : m.warnings()) {
                out.println("  " + w.describe());
            }
            out.println("Errors:      " + m.errors().size());
            for (ItemProblem e : m.errors()) {
                out.println("  " + e.describe());
            }
            if (m.rules() != null) {
                io.cairn.kube.rules.RulesReport r = m.rules();
                out.printf("Rules:       freeze window %d ms (snapshot step %d ms), snapshot %s, %s%n",
                        r.freezeWindowMillis(), r.snapshotMillis(), r.snapshotTaken() ? "taken" : "not taken",
                        r.allReleased() ? "all pods released" : "SOME PODS MAY STILL BE QUIESCED");
                for (io.cairn.kube.rules.PodReport p : r.pods()) {
                    out.printf("  %s/%s (rule %s): %s%n", p.namespace(), p.pod(), p.rule(), p.status());
                    for (io.cairn.kube.rules.ActionReport a : p.actions()) {
                        out.printf("    %-4s %s: %s (%d ms)%n", a.phase(), String.join(" ", a.command()),
                                a.error() != null ? a.error() : a.exitCode() != null ? "exit code " + a.exitCode()
                                : a.outcome().toLowerCase(), a.millis());
                    }
                }
            }
            if (details) {
                out.println("Captured objects:");
                for (ManifestItem item : m.items()) {
                    out.println("  " + item.describe());
                }
            }
        }
        return 0;
    }
}
