package io.cairn.kube.restore.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Plays the apiextensions controller the mock lacks: a daemon thread that marks every CRD it sees
 * {@code Established=True} after a short delay. Close it to stop.
 */
public final class CrdEstablisher implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    public CrdEstablisher(KubernetesClient client, long delayMillis) {
        thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(delayMillis);
                    for (CustomResourceDefinition crd : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
                        if (crd.getStatus() == null || crd.getStatus().getConditions() == null
                                || crd.getStatus().getConditions().isEmpty()) {
                            CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatus();
                            status.setConditions(List.of(new CustomResourceDefinitionConditionBuilder()
                                    .withType("Established").withStatus("True").build()));
                            crd.setStatus(status);
                            client.resource(crd).updateStatus();
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the next round tries again
                }
            }
        }, "crd-establisher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
