package io.cairn.kube.volumes;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a mover pod of one run needs in its namespace: a Secret with CAIRN_REPOSITORY and CAIRN_PASSWORD, and a
 * ServiceAccount bound to nothing (mover pods never talk to the API server). Created on first use per namespace,
 * deleted by {@link #close()}.
 */
final class MoverAccess implements AutoCloseable {
    static final String REPOSITORY_KEY = "CAIRN_REPOSITORY";
    static final String PASSWORD_KEY = "CAIRN_PASSWORD";

    private final KubernetesClient client;
    private final String name;
    private final VolumeOptions.MoverCredentials credentials;
    private final Map<String, String> labels;
    private final Set<String> namespaces = new LinkedHashSet<>();

    /** @param name the Secret's and the ServiceAccount's name */
    MoverAccess(KubernetesClient client, String name, VolumeOptions.MoverCredentials credentials, Map<String, String> labels) {
        this.client = client;
        this.name = name;
        this.credentials = credentials;
        this.labels = labels;
    }

    String name() {
        return name;
    }

    /** Creates the Secret and ServiceAccount in {@code namespace} unless this run already did. */
    synchronized void ensure(String namespace) {
        if (namespaces.contains(namespace)) {
            return;
        }
        client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withAutomountServiceAccountToken(false).build()).create();
        namespaces.add(namespace);
        // data, not stringData: every API server stores data as given
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(namespace).withLabels(labels).endMetadata().withType("Opaque")
                .addToData(REPOSITORY_KEY, base64(credentials.repository()))
                .addToData(PASSWORD_KEY, base64(credentials.password())).build()).create();
    }

    @Override
    public synchronized void close() {
        for (String ns : namespaces) {
            try {
                client.secrets().inNamespace(ns).withName(name).delete();
            } catch (KubernetesClientException e) {
                // best effort; labelled for manual cleanup
            }
            try {
                client.serviceAccounts().inNamespace(ns).withName(name).delete();
            } catch (KubernetesClientException e) {
                // best effort
            }
        }
        namespaces.clear();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
