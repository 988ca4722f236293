package io.cairn.cli.restore;

import io.cairn.cli.OutputFormat;
import io.cairn.cli.RepositoryAccess;
import io.cairn.cli.VolumeLines;
import io.cairn.kube.restore.ObjectResult;
import io.cairn.kube.restore.RestoreCounts;
import io.cairn.kube.restore.RestoreReport;
import io.cairn.kube.restore.RestoreReportStore;
import io.cairn.repository.Json;
import io.cairn.repository.Repository;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "describe", mixinStandardHelpOptions = true, description = "Show a restore's report: a result per object.")
public final class RestoreDescribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputFormat output;

    @Parameters(paramLabel = "NAME", description = "The restore.")
    String name;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Repository repo = RepositoryAccess.open(spec)) {
            RestoreReport r = new RestoreReportStore(repo).load(name);
            if (output.json()) {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r));
                return 0;
            }
            RestoreCounts c = r.counts();
            out.println("Name:      " + r.name());
            out.println("Backup:    " + r.backup());
            out.println("Status:    " + r.phase().jsonName());
            out.println("Started:   " + r.startedAt());
            out.println("Completed: " + r.finishedAt());
            out.printf("Objects:   %d created, %d updated, %d skipped, %d failed%n", c.created(), c.updated(), c.skipped(), c.failed());
            for (String w : r.warnings()) {
                out.println("Warning:   " + w);
            }
            r.volumes().forEach(v -> out.println("Volume:    " + VolumeLines.of(v).substring("volume ".length())));
            out.println("Results:");
            for (ObjectResult result : r.results()) {
                out.println("  " + result.summary());
            }
        }
        return 0;
    }
}
