package io.cairn.kube.restore;

import io.cairn.kube.archive.ObjectArchiveReader;
import io.cairn.repository.BlobLoader;
import io.cairn.repository.Id;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;

/**
 * Restores the API objects of one backup into a cluster: the entry point the CLI and the operator call.
 * Objects are restored in {@link io.cairn.kube.restore.plan.RestorePriority} order, filtered, sanitised and
 * applied one at a time; a failed object never stops the others, and the report says what happened to each.
 * Thread-safe if the client is; each call is an independent run.
 */
public final class Restorer {
    private final KubernetesClient client;
    private final BlobLoader blobs;
    private final RestoreOptions options;
    private VolumeRestorer volumes = VolumeRestorer.NONE;

    public Restorer(KubernetesClient client, BlobLoader blobs) {
        this(client, blobs, RestoreOptions.DEFAULTS);
    }

    public Restorer(KubernetesClient client, BlobLoader blobs, RestoreOptions options) {
        this.client = client;
        this.blobs = blobs;
        this.options = options;
    }

    /** Fills restored PVCs from the backup's /volumes with this, before the workloads are created. */
    public Restorer withVolumeRestorer(VolumeRestorer value) {
        Restorer r = new Restorer(client, blobs, options);
        r.volumes = value == null ? VolumeRestorer.NONE : value;
        return r;
    }

    /**
     * Runs the restore (or, with {@link RestoreRequest#dryRun()}, computes what it would do without writing).
     *
     * @param backupTree the root tree of the backup's snapshot
     * @throws IOException when the backup cannot be read (a missing or corrupt blob); per-object failures
     *                     against the cluster are results in the report, not exceptions
     */
    public RestoreReport restore(Id backupTree, RestoreRequest request, RestoreListener listener)
            throws IOException, InterruptedException {
        return new RestoreRun(client, new ObjectArchiveReader(blobs, backupTree), request, options, listener)
                .withVolumes(volumes, backupTree).run();
    }
}
