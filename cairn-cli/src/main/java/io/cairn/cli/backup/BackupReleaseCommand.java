package io.cairn.cli.backup;

import io.cairn.cli.ExitCode;
import io.cairn.cli.KubeOptions;
import io.cairn.cli.ResourceNames;
import io.cairn.kube.rules.PodReport;
import io.cairn.kube.rules.RulesReport;
import io.cairn.kube.rules.RulesRunner;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cairn backup release NAME}: release pods a crashed backup left quiesced, from the record in the cluster. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Run the recorded post actions on every pod a backup left quiesced (after a crash of the",
                "process that ran it), then remove the record. Safe to run when nothing is recorded."})
public final class BackupReleaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KubeOptions kube;

    @Parameters(paramLabel = "NAME", description = "The backup whose pods to release.")
    String name;

    @Option(names = "--record-namespace", paramLabel = "NS",
            description = "Namespace of the quiesce record (default: search every namespace).")
    String recordNamespace;

    @Override
    public Integer call() throws Exception {
        ResourceNames.require("backup", name);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (KubernetesClient client = kube.client()) {
            RulesReport r = RulesRunner.forCluster(client, List.of(), recordNamespace).release(name);
            for (PodReport p : r.pods()) {
                out.printf("%s/%s (rule %s): %s%n", p.namespace(), p.pod(), p.rule(), p.status());
            }
            r.warnings().forEach(w -> err.println("warning: " + w));
            r.errors().forEach(e -> err.println("error: " + e));
            err.flush();
            out.printf("backup %s: %d pods released%n", name,
                    r.pods().stream().filter(p -> !PodReport.RELEASE_FAILED.equals(p.status())).count());
            return r.failed() ? ExitCode.FAILED : ExitCode.OK;
        }
    }
}
