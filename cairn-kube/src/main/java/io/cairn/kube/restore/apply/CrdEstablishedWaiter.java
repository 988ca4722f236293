package io.cairn.kube.restore.apply;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/** Polls CRDs until each has the condition {@code Established=True}, or a deadline passes. */
public final class CrdEstablishedWaiter {
    private final KubernetesClient client;
    private final Duration pollInterval;

    public CrdEstablishedWaiter(KubernetesClient client, Duration pollInterval) {
        this.client = client;
        this.pollInterval = pollInterval;
    }

    /** The names among {@code crdNames} that are still not established after {@code timeout}; empty when all are. */
    public Set<String> await(Set<String> crdNames, Duration timeout) throws InterruptedException {
        Set<String> pending = new LinkedHashSet<>(crdNames);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            pending.removeIf(this::established);
            if (pending.isEmpty() || System.nanoTime() - deadline >= 0) {
                return pending;
            }
            Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    private boolean established(String name) {
        try {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
            return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                    && crd.getStatus().getConditions().stream()
                    .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
        } catch (KubernetesClientException e) {
            return false;
        }
    }
}
