package io.cairn.kube.volumes;

import io.cairn.kube.archive.BackupLayout;
import io.cairn.kube.restore.VolumeRestoreResult;
import io.cairn.kube.restore.VolumeRestorer;
import io.cairn.repository.BlobLoader;
import io.cairn.repository.Id;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.restorer.TreeNavigator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Restore of volume data: for each PVC the restore created that has a /volumes/&lt;ns&gt;/&lt;pvc&gt; subtree in the
 * backup, a mover pod mounts it read-write and runs {@code cairn mover restore}. Runs between the PVCs and the
 * workloads of the restore, so that no workload sees an empty volume. Volumes are independent; the per-run
 * Secret and ServiceAccount and every mover pod are deleted before {@link #fill} returns.
 */
public final class VolumeFiller implements VolumeRestorer {
    public static final String RESTORE_LABEL = "cairn.io/restore";

    private final KubernetesClient client;
    private final BlobLoader blobs;
    private final VolumeOptions options;
    private final MoverPods pods;

    public VolumeFiller(KubernetesClient client, BlobLoader blobs, VolumeOptions options) {
        this.client = client;
        this.blobs = blobs;
        this.options = options;
        this.pods = new MoverPods(client, options);
    }

    private record Job(RestoredClaim claim, Id tree) {
    }

    @Override
    public List<VolumeRestoreResult> fill(String restore, Id backupTree, List<RestoredClaim> claims)
            throws IOException, InterruptedException {
        TreeNavigator nav = new TreeNavigator(blobs);
        List<Job> jobs = new ArrayList<>();
        for (RestoredClaim c : claims) {
            try {
                Id tree = nav.resolve(backupTree, BackupLayout.VOLUMES + "/" + c.sourceNamespace() + "/" + c.name()).subtree();
                if (tree != null) {
                    jobs.add(new Job(c, tree));
                }
            } catch (NotFoundException e) {
                // no data for this PVC in the backup (skip method, or it failed then): the PVC stays empty
            }
        }
        if (jobs.isEmpty()) {
            return List.of();
        }
        Map<String, String> labels = Map.of(RESTORE_LABEL, restore.length() <= 63 ? restore : restore.substring(0, 63));
        ConcurrentLinkedQueue<VolumeRestoreResult> results = new ConcurrentLinkedQueue<>();
        try (MoverAccess access = new MoverAccess(client, KubeNames.of("restore", restore, "mover"), options.credentials(), labels)) {
            VolumeTasks.forEach(jobs, options.parallelism(), job -> {
                RestoredClaim c = job.claim();
                MoverPods.Spec spec = new MoverPods.Spec(c.namespace(), KubeNames.of("restore", restore, c.name()), c.name(),
                        false, MoverInvocation.restore(job.tree().toString(), MoverPods.MOUNT), null, labels);
                MoverResult r = pods.run(spec, access);
                results.add(new VolumeRestoreResult(c.namespace(), c.name(), job.tree().toString(), r.files(), r.bytes(),
                        r.durationMillis(), r.error()));
            }, (job, e) -> results.add(new VolumeRestoreResult(job.claim().namespace(), job.claim().name(),
                    job.tree().toString(), 0, 0, 0, e.getMessage())));
        }
        List<VolumeRestoreResult> out = new ArrayList<>(results);
        out.sort(Comparator.comparing(VolumeRestoreResult::namespace).thenComparing(VolumeRestoreResult::pvc));
        return out;
    }
}
