package io.cairn.kube.volumes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@code cairn mover} as a pod and waits for its result: create the pod, poll it until it has
 * terminated, read the result from the container's termination message, delete the pod (always). A pod that
 * fails, is evicted or runs too long gives a result with an {@code error}; this never throws but for an interrupt.
 */
final class MoverPods {
    static final String MOUNT = "/data";
    static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    static final String COMPONENT = "cairn-mover";

    private final KubernetesClient client;
    private final VolumeOptions options;

    MoverPods(KubernetesClient client, VolumeOptions options) {
        this.client = client;
        this.options = options;
    }

    /** One mover pod to run. {@code node}: run there (fs: the node the volume is attached to), or null. */
    record Spec(String namespace, String name, String claim, boolean readOnly, MoverInvocation invocation,
                String node, Map<String, String> labels) {
    }

    MoverResult run(Spec spec, MoverAccess access) throws InterruptedException {
        long start = System.nanoTime();
        try {
            access.ensure(spec.namespace());
            client.pods().inNamespace(spec.namespace()).resource(pod(spec, access.name())).create();
            return await(spec, start);
        } catch (KubernetesClientException e) {
            return MoverResult.failure("mover pod " + spec.namespace() + "/" + spec.name() + ": " + e.getMessage(), elapsed(start));
        } finally {
            try {
                client.pods().inNamespace(spec.namespace()).withName(spec.name()).withGracePeriod(0).delete();
            } catch (KubernetesClientException e) {
                // best effort: the pod carries the run's labels for manual cleanup
            }
        }
    }

    private MoverResult await(Spec spec, long start) throws InterruptedException {
        String what = "mover pod " + spec.namespace() + "/" + spec.name();
        long deadline = start + options.moverTimeout().toNanos();
        while (true) {
            Pod pod = client.pods().inNamespace(spec.namespace()).withName(spec.name()).get();
            if (pod == null) {
                return MoverResult.failure(what + " was deleted before it finished", elapsed(start));
            }
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            ContainerStateTerminated terminated = terminated(pod);
            if ("Succeeded".equals(phase) || "Failed".equals(phase) || terminated != null) {
                return result(what, pod, terminated, start);
            }
            if (System.nanoTime() > deadline) {
                return MoverResult.failure(what + " did not finish within " + options.moverTimeout()
                        + " (phase " + phase + ")", elapsed(start));
            }
            Thread.sleep(options.pollInterval().toMillis());
        }
    }

    private static MoverResult result(String what, Pod pod, ContainerStateTerminated t, long start) {
        String reason = pod.getStatus().getReason();
        if (t == null) {
            String message = pod.getStatus().getMessage();
            return MoverResult.failure(what + ("Evicted".equals(reason) ? " was evicted" : " failed")
                    + (message == null ? "" : ": " + message), elapsed(start));
        }
        MoverResult parsed = null;
        try {
            parsed = t.getMessage() == null || t.getMessage().isBlank() ? null : MoverResult.parse(t.getMessage());
        } catch (IOException e) {
            // not a result: the message is the container's log tail or a kubelet reason
        }
        int exit = t.getExitCode() == null ? -1 : t.getExitCode();
        if (exit == 0 && parsed != null && !parsed.failed() && (parsed.tree() != null || !isBackup(pod))) {
            return parsed;
        }
        String cause = parsed != null && parsed.error() != null ? parsed.error()
                : (t.getReason() == null ? "" : t.getReason() + ": ") + (t.getMessage() == null ? "" : t.getMessage().strip());
        return MoverResult.failure(what + " exited with code " + exit + ": " + cause, elapsed(start));
    }

    private static boolean isBackup(Pod pod) {
        List<String> args = pod.getSpec().getContainers().get(0).getArgs();
        return args.size() > 1 && "backup".equals(args.get(1));
    }

    private static ContainerStateTerminated terminated(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
            if (cs.getState() != null && cs.getState().getTerminated() != null) {
                return cs.getState().getTerminated();
            }
        }
        return null;
    }

    Pod pod(Spec spec, String accessName) {
        VolumeOptions.MoverResources r = options.resources();
        PodBuilder b = new PodBuilder().withNewMetadata().withName(spec.name()).withNamespace(spec.namespace())
                .withLabels(spec.labels()).addToLabels(COMPONENT_LABEL, COMPONENT).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(accessName)
                .withAutomountServiceAccountToken(false)
                .addNewContainer().withName("mover").withImage(options.moverImage())
                .withCommand("cairn").withArgs(spec.invocation().args())
                .withEnv(secretEnv(MoverAccess.REPOSITORY_KEY, accessName), secretEnv(MoverAccess.PASSWORD_KEY, accessName))
                .withNewResources()
                .addToRequests("cpu", new Quantity(r.cpuRequest())).addToRequests("memory", new Quantity(r.memoryRequest()))
                .addToLimits("cpu", new Quantity(r.cpuLimit())).addToLimits("memory", new Quantity(r.memoryLimit()))
                .endResources()
                .withTerminationMessagePath(MoverInvocation.TERMINATION_LOG)
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .addNewVolumeMount().withName("data").withMountPath(MOUNT).withReadOnly(spec.readOnly()).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim(spec.claim(), spec.readOnly()).endVolume()
                .endSpec();
        if (spec.node() != null) {
            b.editSpec().withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .addNewNodeSelectorTerm().addNewMatchField().withKey("metadata.name").withOperator("In")
                    .withValues(spec.node()).endMatchField().endNodeSelectorTerm()
                    .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec();
        }
        return b.build();
    }

    private static EnvVar secretEnv(String key, String secret) {
        return new EnvVarBuilder().withName(key).withNewValueFrom().withNewSecretKeyRef(key, secret, false)
                .endValueFrom().build();
    }

    private static long elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
