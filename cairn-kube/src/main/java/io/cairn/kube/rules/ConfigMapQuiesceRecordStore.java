package io.cairn.kube.rules;

import io.cairn.kube.selection.BackupRequest;
import io.cairn.repository.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Quiesce records as ConfigMaps named {@code cairn-quiesce-<backup>}, labelled {@code cairn.io/backup=<backup>}
 * and {@code cairn.io/quiesce-record=true} (and excluded from backups), holding {@code record.json}. They live in
 * a configured namespace, else in the namespace of the first quiesced pod; {@link #read} finds them by label in
 * every namespace when none is configured.
 */
public final class ConfigMapQuiesceRecordStore implements QuiesceRecordStore {
    public static final String PREFIX = "cairn-quiesce-";
    public static final String BACKUP_LABEL = "cairn.io/backup";
    public static final String RECORD_LABEL = "cairn.io/quiesce-record";
    static final String KEY = "record.json";

    private final KubernetesClient client;
    private final String namespace;

    /** @param namespace where records live; null: the first quiesced pod's namespace */
    public ConfigMapQuiesceRecordStore(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    @Override
    public void write(QuiesceRecord record) throws IOException {
        String ns = namespaceFor(record);
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(PREFIX + record.backup()).withNamespace(ns)
                .addToLabels(BACKUP_LABEL, record.backup()).addToLabels(RECORD_LABEL, "true")
                .addToLabels(BackupRequest.EXCLUDE_LABEL, "true").endMetadata()
                .addToData(KEY, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(record)).build();
        try {
            if (client.configMaps().inNamespace(ns).withName(cm.getMetadata().getName()).get() == null) {
                client.configMaps().inNamespace(ns).resource(cm).create();
            } else {
                client.configMaps().inNamespace(ns).withName(cm.getMetadata().getName())
                        .patch(PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                                Json.MAPPER.writeValueAsString(java.util.Map.of("data", cm.getData())));
            }
        } catch (KubernetesClientException e) {
            throw new IOException("cannot write quiesce record configmap " + ns + "/" + PREFIX + record.backup() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Optional<QuiesceRecord> read(String backup) throws IOException {
        Optional<ConfigMap> cm = find(backup);
        if (cm.isEmpty()) {
            return Optional.empty();
        }
        String json = cm.get().getData() == null ? null : cm.get().getData().get(KEY);
        if (json == null) {
            throw new IOException("quiesce record " + cm.get().getMetadata().getNamespace() + "/"
                    + cm.get().getMetadata().getName() + " has no " + KEY);
        }
        return Optional.of(Json.MAPPER.readValue(json, QuiesceRecord.class));
    }

    @Override
    public void delete(String backup) throws IOException {
        Optional<ConfigMap> cm = find(backup);
        try {
            cm.ifPresent(c -> client.configMaps().inNamespace(c.getMetadata().getNamespace())
                    .withName(c.getMetadata().getName()).delete());
        } catch (KubernetesClientException e) {
            throw new IOException("cannot delete quiesce record of backup " + backup + ": " + e.getMessage(), e);
        }
    }

    private Optional<ConfigMap> find(String backup) throws IOException {
        try {
            if (namespace != null) {
                return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(PREFIX + backup).get());
            }
            List<ConfigMap> found = client.configMaps().inAnyNamespace().withLabel(BACKUP_LABEL, backup)
                    .withLabel(RECORD_LABEL, "true").list().getItems().stream()
                    .filter(c -> (PREFIX + backup).equals(c.getMetadata().getName())).toList();
            return found.stream().findFirst();
        } catch (KubernetesClientException e) {
            throw new IOException("cannot read quiesce record of backup " + backup + ": " + e.getMessage(), e);
        }
    }

    private String namespaceFor(QuiesceRecord record) throws IOException {
        if (namespace != null) {
            return namespace;
        }
        Optional<ConfigMap> existing = find(record.backup());
        if (existing.isPresent()) {
            return existing.get().getMetadata().getNamespace();
        }
        if (record.pods().isEmpty()) {
            throw new IOException("no namespace for the quiesce record of backup " + record.backup());
        }
        return record.pods().get(0).namespace();
    }
}
