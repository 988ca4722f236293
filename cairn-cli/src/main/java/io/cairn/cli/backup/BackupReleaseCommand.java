package io.cairn.cli.backup;

import io.cairn.cli.ExitCode;
import io.cairn.cli.KubeOptions;
import io.cairn.cli.ResourceNames;
import io.cairn.kube.rules.PodReport;
import io.cairn.kube.rules.RulesReport;
import io.cairn.kube.rules.RulesRunner;
import io.cairn.kube.volumes.VolumeTemporaries;
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

/**
 * {@code cairn backup release NAME}: release pods a crashed backup left quiesced, from the record in the cluster,
 * and delete the temporaries its volume step left (snapshots, temporary PVCs, mover pods, Secrets, ServiceAccounts).
 */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Run the recorded post actions on every pod a backup left quiesced (after a crash of the",
                "process that ran it), then remove the record; then delete the backup's leftover volume",
                "temporaries (VolumeSnapshots, VolumeGroupSnapshots, temporary PVCs, mover pods, Secrets,",
                "ServiceAccounts labelled cairn.io/backup=NAME). Safe to run when nothing is left."})
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
            VolumeTemporaries.Swept swept = VolumeTemporaries.sweep(client, name);
            swept.removed().forEach(t -> out.println("removed " + t));
            swept.errors().forEach(e -> err.println("error: " + e));
            err.flush();
            out.printf("backup %s: %d pods released, %d temporaries removed%n", name,
                    r.pods().stream().filter(p -> !PodReport.RELEASE_FAILED.equals(p.status())).count(),
                    swept.removed().size());
            return r.failed() || !swept.errors().isEmpty() ? ExitCode.FAILED : ExitCode.OK;
        }
    }
}
