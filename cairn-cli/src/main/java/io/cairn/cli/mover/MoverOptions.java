package io.cairn.cli.mover;

import io.cairn.cli.CliException;
import io.cairn.cli.RepositoryAccess;
import io.cairn.kube.volumes.VolumeOptions;
import java.time.Duration;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The data mover flags that {@code backup create} and {@code restore create} share. */
public final class MoverOptions {
    @Option(names = "--volume-parallelism", paramLabel = "N", defaultValue = "2",
            description = "Volumes moved at once. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--mover-image", paramLabel = "IMAGE",
            description = "Image of the data mover pods (runs `cairn mover`). Default: the image of this Cairn version.")
    String image;

    @Option(names = "--mover-repository", paramLabel = "LOCATION",
            description = "The repository as mover pods reach it (put in a per-run Secret with the password). Default: the repository location.")
    String repository;

    @Option(names = "--snapshot-timeout", paramLabel = "MINUTES", defaultValue = "10",
            description = "Minutes a VolumeSnapshot may take to become ready. Default: ${DEFAULT-VALUE}.")
    long snapshotTimeoutMinutes;

    @Option(names = "--mover-timeout", paramLabel = "MINUTES", defaultValue = "360",
            description = "Minutes one mover pod may run. Default: ${DEFAULT-VALUE}.")
    long moverTimeoutMinutes;

    /** The options for this run; reads the repository password (for the movers' Secret). */
    public VolumeOptions volumeOptions(CommandSpec spec) {
        if (parallelism < 1) {
            throw CliException.usage("--volume-parallelism must be at least 1");
        }
        if (snapshotTimeoutMinutes < 1 || moverTimeoutMinutes < 1) {
            throw CliException.usage("--snapshot-timeout and --mover-timeout must be at least 1 minute");
        }
        String location = repository != null ? repository : RepositoryAccess.root(spec).repositoryLocation();
        char[] password = RepositoryAccess.password(spec);
        try {
            return VolumeOptions.defaults(new VolumeOptions.MoverCredentials(location, new String(password)))
                    .withParallelism(parallelism).withMoverImage(image)
                    .withTimeouts(Duration.ofMinutes(snapshotTimeoutMinutes), Duration.ofMinutes(moverTimeoutMinutes),
                            Duration.ofSeconds(2));
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
