package io.cairn.kube.volumes;

import java.time.Duration;
import java.util.Objects;

/**
 * How volumes are moved.
 *
 * @param method          the method for every PVC without a {@value VolumeMethod#ANNOTATION} annotation; null:
 *                        snapshot+move where the PVC's CSI driver has a VolumeSnapshotClass, else fs
 * @param parallelism     volumes moved at once
 * @param moverImage      the image of mover pods (it runs {@code cairn mover ...})
 * @param credentials     the repository as mover pods reach it, and its password (put in a per-run Secret)
 * @param resources       requests and limits of mover pods
 * @param snapshotTimeout how long a VolumeSnapshot may take to become readyToUse
 * @param moverTimeout    how long one mover pod may run
 * @param pollInterval    how often snapshots and pods are looked at while waiting
 */
public record VolumeOptions(VolumeMethod method, int parallelism, String moverImage, MoverCredentials credentials,
                            MoverResources resources, Duration snapshotTimeout, Duration moverTimeout,
                            Duration pollInterval) {
    public static final String DEFAULT_IMAGE = "ghcr.io/cairn-backup/cairn:" + io.cairn.kube.backup.CairnVersion.get();

    public VolumeOptions {
        Objects.requireNonNull(credentials, "credentials");
        if (parallelism < 1) {
            throw new IllegalArgumentException("volume parallelism must be at least 1");
        }
        moverImage = moverImage == null ? DEFAULT_IMAGE : moverImage;
        resources = resources == null ? MoverResources.DEFAULTS : resources;
    }

    public static VolumeOptions defaults(MoverCredentials credentials) {
        return new VolumeOptions(null, 2, null, credentials, MoverResources.DEFAULTS, Duration.ofMinutes(10),
                Duration.ofHours(6), Duration.ofSeconds(2));
    }

    public VolumeOptions withMethod(VolumeMethod value) {
        return new VolumeOptions(value, parallelism, moverImage, credentials, resources, snapshotTimeout, moverTimeout, pollInterval);
    }

    public VolumeOptions withParallelism(int value) {
        return new VolumeOptions(method, value, moverImage, credentials, resources, snapshotTimeout, moverTimeout, pollInterval);
    }

    public VolumeOptions withMoverImage(String value) {
        return new VolumeOptions(method, parallelism, value, credentials, resources, snapshotTimeout, moverTimeout, pollInterval);
    }

    public VolumeOptions withTimeouts(Duration snapshot, Duration mover, Duration poll) {
        return new VolumeOptions(method, parallelism, moverImage, credentials, resources, snapshot, mover, poll);
    }

    /** Requests and limits of a mover container (Kubernetes quantities). */
    public record MoverResources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
        public static final MoverResources DEFAULTS = new MoverResources("100m", "256Mi", "2", "2Gi");
    }

    /** The repository location as a mover pod reaches it, and its password. */
    public record MoverCredentials(String repository, String password) {
        @Override
        public String toString() {
            return "MoverCredentials[repository=" + repository + ", password=***]";
        }
    }
}
