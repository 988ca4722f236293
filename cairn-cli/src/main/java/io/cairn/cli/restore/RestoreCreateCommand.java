package io.cairn.cli.restore;

import io.cairn.cli.CliException;
import io.cairn.cli.ExitCode;
import io.cairn.cli.KubeOptions;
import io.cairn.cli.ObjectFilterOptions;
import io.cairn.cli.RepositoryAccess;
import io.cairn.cli.ResourceNames;
import io.cairn.cli.VolumeLines;
import io.cairn.kube.backup.BackupCatalog;
import io.cairn.kube.restore.InvalidRestoreRequestException;
import io.cairn.kube.restore.ObjectResult;
import io.cairn.kube.restore.RestoreCounts;
import io.cairn.kube.restore.RestoreListener;
import io.cairn.kube.restore.RestoreReport;
import io.cairn.kube.restore.RestoreReportStore;
import io.cairn.kube.restore.RestoreRequest;
import io.cairn.kube.restore.Restorer;
import io.cairn.kube.volumes.VolumeFiller;
import io.cairn.repository.Repository;
import io.cairn.repository.key.KeyRing;
import io.cairn.repository.lock.Lock;
import io.cairn.repository.snapshot.Snapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Restore the objects of a backup, in dependency order (CRDs, namespaces, storage, config, RBAC,",
                "services, workloads, custom resources), sanitised of cluster-assigned fields. Objects that controllers",
                "re-create (ReplicaSets of Deployments, their pods, token Secrets…) are skipped. A failure of one object",
                "does not stop the others; the report (saved in the repository) gives a result per object."},
        footer = {"", "Examples:",
                "  cairn restore create shop-back --from-backup shop-nightly",
                "  cairn restore create shop-copy --from-backup shop-nightly --namespace-mapping shop:shop-copy",
                "  cairn restore create cfg --from-backup shop-nightly --include-resources configmaps,secrets --dry-run"})
public final class RestoreCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KubeOptions kube;

    @Mixin
    ObjectFilterOptions filter;

    @Parameters(paramLabel = "NAME", description = "Name of this restore (its report is saved under it).")
    String name;

    @Option(names = "--from-backup", required = true, paramLabel = "BACKUP", description = "The backup to restore.")
    String backup;

    @Option(names = "--namespace-mapping", split = ",", paramLabel = "OLD:NEW", description = "Restore namespace OLD as NEW (repeatable).")
    List<String> namespaceMappings = new ArrayList<>();

    @Option(names = "--storage-class-mapping", split = ",", paramLabel = "OLD:NEW", description = "Use storage class NEW where the backup has OLD.")
    List<String> storageClassMappings = new ArrayList<>();

    @Option(names = "--existing-resource-policy", paramLabel = "none|update", defaultValue = "none",
            description = "For objects that already exist: none (skip them, default) or update (patch them to the backup's state).")
    String existingResourcePolicy;






    @Option(names = "--restore-status", description = "Keep the status of objects (dropped by default).")
    boolean restoreStatus;

    @Option(names = "--preserve-nodeports", description = "Keep the node ports of Services (auto-assigned ones are dropped by default).")
    boolean preserveNodePorts;

    @picocli.CommandLine.Mixin
    io.cairn.cli.mover.MoverOptions movers;

    @Option(names = "--dry-run", description = "Print what would be created or updated; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        ResourceNames.require("restore", name);
        RestoreRequest request = request();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Repository repo = RepositoryAccess.open(spec); Lock lock = repo.lockShared(); KubernetesClient client = kube.client()) {
            lock.awaitConfirmed(); // before the first object is applied
            RestoreReportStore reports = new RestoreReportStore(repo);
            if (!dryRun && reports.exists(name)) {
                throw CliException.usage("a restore named '" + name + "' already exists; choose another name");
            }
            Snapshot snapshot = new BackupCatalog(repo).find(backup);
            repo.blobs().loadIndex();
            RestoreListener listener = new RestoreListener() {
                @Override
                public void objectDone(ObjectResult result) {
                    out.println(result.summary());
                    out.flush();
                }
            };
            RestoreReport report = new Restorer(client, repo.blobs())
                    .withVolumeRestorer(dryRun ? null : new VolumeFiller(client, repo.blobs(), movers.volumeOptions(spec)))
                    .restore(snapshot.tree(), request, listener);
            report.volumes().forEach(v -> out.println(VolumeLines.of(v)));
            for (String warning : report.warnings()) {
                err.println("warning: " + warning);
            }
            RestoreCounts c = report.counts();
            if (dryRun) {
                out.printf("dry run of restore %s from backup %s: %d would be created, %d updated, %d skipped%n", name, backup,
                        c.wouldCreate(), c.wouldUpdate(), c.skipped());
                return ExitCode.OK;
            }
            reports.save(report, KubeOptions.clusterName(client), KeyRing.defaultUsername());
            out.printf("restore %s from backup %s: %s: %d created, %d updated, %d skipped, %d failed%n", name, backup,
                    report.phase().jsonName(), c.created(), c.updated(), c.skipped(), c.failed());
            return report.partial() ? ExitCode.PARTIAL : ExitCode.OK;
        }
    }

    private RestoreRequest request() {
        try {
            RestoreRequest.Builder b = RestoreRequest.builder(name, backup)
                    .existingResourcePolicy(existingResourcePolicy)
                    .includeNamespaces(filter.includeNamespaces())
                    .excludeNamespaces(filter.excludeNamespaces())
                    .includeResources(filter.includeResources())
                    .excludeResources(filter.excludeResources())
                    .restoreStatus(restoreStatus)
                    .preserveNodePorts(preserveNodePorts)
                    .dryRun(dryRun);
            namespaceMappings.forEach(b::namespaceMapping);
            storageClassMappings.forEach(b::storageClassMapping);
            if (filter.selector() != null) {
                b.selector(filter.selector());
            }
            return b.build();
        } catch (InvalidRestoreRequestException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
