package io.cairn.cli.backup;

import io.cairn.cli.CliException;
import io.cairn.cli.ExitCode;
import io.cairn.cli.KubeOptions;
import io.cairn.cli.ObjectFilterOptions;
import io.cairn.cli.RepositoryAccess;
import io.cairn.cli.ResourceNames;
import io.cairn.cli.VolumeLines;
import io.cairn.kube.backup.BackupCatalog;
import io.cairn.kube.backup.BackupListener;
import io.cairn.kube.backup.BackupManifest;
import io.cairn.kube.backup.BackupOptions;
import io.cairn.kube.backup.BackupPhase;
import io.cairn.kube.backup.BackupPlan;
import io.cairn.kube.backup.BackupResult;
import io.cairn.kube.backup.BackupRunner;
import io.cairn.kube.backup.ItemProblem;
import io.cairn.kube.backup.ManifestItem;
import io.cairn.kube.rules.InvalidRulesException;
import io.cairn.kube.rules.Rule;
import io.cairn.kube.rules.RulesParser;
import io.cairn.kube.rules.RulesRunner;
import io.cairn.kube.selection.BackupRequest;
import io.cairn.kube.selection.InvalidRequestException;
import io.cairn.kube.volumes.ParentTrees;
import io.cairn.kube.volumes.VolumeBackup;
import io.cairn.kube.volumes.VolumeMethod;
import io.cairn.kube.volumes.VolumeOptions;
import io.cairn.repository.Repository;
import io.cairn.repository.lock.Lock;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Back up API objects into the repository as one snapshot (tagged cairn and backup=NAME).",
                "Without selection flags, every namespace and the cluster-scoped objects they reference are saved.",
                "With --app, one workload and everything it needs: its pods, PVCs and PVs, ConfigMaps and Secrets,",
                "ServiceAccount and RBAC, Services, Ingresses, NetworkPolicies, PDBs, HPAs and CRDs."},
        footer = {"", "Examples:",
                "  cairn backup create shop-nightly --include-namespaces 'shop*'",
                "  cairn backup create wp --app deployment/wordpress -n shop",
                "  cairn backup create db --selector app=cassandra --select-apps --dry-run"})
public final class BackupCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KubeOptions kube;

    @Mixin
    ObjectFilterOptions filter;

    @Parameters(paramLabel = "NAME", description = "Name of the backup (unique in the repository).")
    String name;




    @Option(names = "--or-selector", paramLabel = "SELECTOR", description = "Also objects matching this selector (repeatable; OR).")
    List<String> orSelectors = new ArrayList<>();



    @Option(names = "--include-cluster-resources", paramLabel = "auto|true|false", defaultValue = "auto",
            description = "Cluster-scoped objects: auto (only those the selection references), true (all), false (none). Default: ${DEFAULT-VALUE}.")
    String includeClusterResources;

    @Option(names = "--app", paramLabel = "KIND/NAME", description = "Back up this workload and its dependencies (repeatable; namespace from -n).")
    List<String> apps = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace of the --app workloads.")
    String namespace;

    @Option(names = "--select-apps", description = "The selectors pick workloads; back up each one's dependencies too.")
    boolean selectApps;

    @Option(names = "--dry-run", description = "Print the objects that would be saved, and why each is included; write nothing.")
    boolean dryRun;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Rules file: commands run in the app's pods to quiesce them around the snapshot step.")
    java.nio.file.Path rulesFile;

    @Option(names = "--volume-method", paramLabel = "auto|snapshot+move|fs|skip", defaultValue = "auto",
            description = {"How PVC data is saved (a PVC's cairn.io/volume-method annotation wins): snapshot+move (CSI",
                    "VolumeSnapshot in the freeze window, then a mover pod reads a PVC made from it), fs (a mover pod",
                    "reads the live PVC inside the freeze window), skip (objects only). auto: snapshot+move where the",
                    "PVC's CSI driver has a VolumeSnapshotClass, else fs. Default: ${DEFAULT-VALUE}."})
    String volumeMethod;

    @Mixin
    io.cairn.cli.mover.MoverOptions movers;

    @Option(names = "--wait", description = "Wait for the backup to finish (the CLI always does; accepted for scripts written for Velero).")
    boolean waitForCompletion;

    @Override
    public Integer call() throws Exception {
        ResourceNames.require("backup", name);
        BackupRequest request = request();
        List<Rule> rules = rules();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (KubernetesClient client = kube.client()) {
            if (dryRun) {
                BackupPlan plan = new BackupRunner(client).plan(request);
                for (ManifestItem item : plan.objects()) {
                    out.println(item.describe());
                }
                printProblems(err, plan.warnings(), plan.errors());
                out.printf("%d objects would be backed up%n", plan.objects().size());
                return plan.errors().isEmpty() ? ExitCode.OK : ExitCode.PARTIAL;
            }
            try (Repository repo = RepositoryAccess.open(spec); Lock lock = repo.lockShared()) {
                lock.awaitConfirmed(); // before any pod is quiesced
                BackupCatalog catalog = new BackupCatalog(repo);
                if (catalog.exists(name)) {
                    throw CliException.usage("a backup named '" + name + "' already exists; choose another name or run "
                            + "`cairn backup delete " + name + "`");
                }
                repo.blobs().loadIndex();
                AtomicLong captured = new AtomicLong();
                BackupListener listener = new BackupListener() {
                    @Override
                    public void objectCaptured(ManifestItem item) {
                        long n = captured.incrementAndGet();
                        if (n % 1000 == 0) {
                            err.printf("%d objects saved…%n", n);
                            err.flush();
                        }
                    }
                };
                BackupRunner runner = new BackupRunner(client, BackupOptions.DEFAULTS, listener)
                        .withRules(RulesRunner.forCluster(client, rules, null))
                        .withVolumeSnapshotter(volumes(client, repo));
                BackupResult result = runner.run(request, repo.blobs(), repo::saveSnapshot, KubeOptions.clusterName(client));
                BackupManifest m = result.manifest();
                printProblems(err, m.warnings(), m.errors());
                m.volumes().forEach(v -> out.println(VolumeLines.of(v)));
                out.printf("backup %s: %s, %d objects, snapshot %s%n", name, m.phase().name().toLowerCase().replace('_', ' '),
                        m.objectCount(), result.snapshot().shortString());
                return m.phase() == BackupPhase.COMPLETED ? ExitCode.OK
                        : m.phase() == BackupPhase.PARTIALLY_FAILED ? ExitCode.PARTIAL : ExitCode.FAILED;
            }
        }
    }

    private VolumeBackup volumes(KubernetesClient client, Repository repo) {
        VolumeOptions options = movers.volumeOptions(spec);
        if (!"auto".equals(volumeMethod)) {
            try {
                options = options.withMethod(VolumeMethod.parse(volumeMethod));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--volume-method: " + e.getMessage());
            }
        }
        return new VolumeBackup(client, options, ParentTrees.latestIn(repo, 20));
    }

    /** "volume shop/data: snapshot+move, 12 files, 3.1 MiB (1.0 MiB new) in 4.2 s" or the volume's error. */
    private List<Rule> rules() {
        if (rulesFile == null) {
            return List.of();
        }
        try {
            return RulesParser.parse(rulesFile);
        } catch (java.io.IOException e) {
            throw CliException.usage("cannot read rules file " + rulesFile + ": " + e.getMessage());
        } catch (InvalidRulesException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private BackupRequest request() {
        try {
            BackupRequest.Builder b = BackupRequest.builder(name)
                    .includeNamespaces(filter.includeNamespaces())
                    .excludeNamespaces(filter.excludeNamespaces())
                    .includeResources(filter.includeResources())
                    .excludeResources(filter.excludeResources())
                    .includeClusterResources(includeClusterResources)
                    .selectApps(selectApps);
            if (filter.selector() != null) {
                b.selector(filter.selector());
            }
            orSelectors.forEach(b::selector);
            if (!apps.isEmpty() && namespace == null) {
                throw CliException.usage("--app needs the workload's namespace: add -n NAMESPACE");
            }
            for (String app : apps) {
                b.app(namespace, app);
            }
            return b.build();
        } catch (InvalidRequestException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    static void printProblems(PrintWriter err, List<ItemProblem> warnings, List<ItemProblem> errors) {
        for (ItemProblem w : warnings) {
            err.println("warning: " + w.describe());
        }
        for (ItemProblem e : errors) {
            err.println("error: " + e.describe());
        }
        err.flush();
    }
}
