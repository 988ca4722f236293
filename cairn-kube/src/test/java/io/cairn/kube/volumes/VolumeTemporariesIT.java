package io.cairn.kube.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kube.testing.DiscoveryFixture;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link VolumeTemporaries#sweep} against the mock API server: what a crashed backup left behind, and only that. */
@EnableKubernetesMockClient(crud = true)
class VolumeTemporariesIT {
    static final String V = "v1beta1";

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void setUp() {
        DiscoveryFixture.stub(server);
        server.expect().get().withPath("/apis/" + GroupSnapshotApi.GROUP).andReturn(200, """
                {"kind":"APIGroup","apiVersion":"v1","name":"%1$s",
                 "versions":[{"groupVersion":"%1$s/%2$s","version":"%2$s"}],
                 "preferredVersion":{"groupVersion":"%1$s/%2$s","version":"%2$s"}}""".formatted(GroupSnapshotApi.GROUP, V))
                .always();
        KvApp.create(client);
    }

    /** What a backup named {@code backup} leaves when its process dies between the group snapshot and the movers. */
    static void leaveTemporaries(KubernetesClient client, String backup, String appPvc) {
        Map<String, String> labels = Map.of(VolumeBackup.BACKUP_LABEL, backup, VolumeBackup.TEMPORARY_LABEL, "true");
        String ns = KvApp.NS;
        String group = KubeNames.of(backup, "group", KvApp.DRIVER);
        client.persistentVolumeClaims().inNamespace(ns).withName(appPvc).edit(p -> {
            p.getMetadata().setLabels(new HashMap<>(p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels()));
            p.getMetadata().getLabels().put(VolumeBackup.GROUP_LABEL, group);
            p.getMetadata().setAnnotations(Map.of(VolumeBackup.GROUP_BACKUP_ANNOTATION, backup));
            return p;
        });
        GenericKubernetesResource vgs = client.genericKubernetesResources(GroupSnapshotApi.groups(V)).inNamespace(ns)
                .resource(new GenericKubernetesResourceBuilder().withApiVersion(GroupSnapshotApi.GROUP + "/" + V)
                        .withKind("VolumeGroupSnapshot").withNewMetadata().withName(group).withLabels(labels).endMetadata()
                        .build()).create();
        client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion(SnapshotApi.API_VERSION).withKind("VolumeSnapshot").withNewMetadata().withName("snapshot-" + backup)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(GroupSnapshotApi.GROUP + "/" + V)
                        .withKind("VolumeGroupSnapshot").withName(group).withUid(vgs.getMetadata().getUid()).build())
                .endMetadata().build()).create();
        client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion(SnapshotApi.API_VERSION).withKind("VolumeSnapshot").withNewMetadata()
                .withName(KubeNames.of(backup, "data-kv-1")).withLabels(labels).endMetadata().build()).create();
        client.persistentVolumeClaims().inNamespace(ns).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName(KubeNames.of(backup, "data-kv-1")).withLabels(labels).endMetadata().withNewSpec()
                .withAccessModes("ReadWriteOnce").endSpec().build()).create();
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(KubeNames.of(backup, "data-kv-1"))
                .withLabels(labels).addToLabels(MoverPods.COMPONENT_LABEL, MoverPods.COMPONENT).endMetadata()
                .withNewSpec().addNewContainer().withName("mover").withImage("cairn").endContainer().endSpec().build()).create();
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(KubeNames.of(backup, "mover"))
                .withLabels(labels).endMetadata().build()).create();
        client.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName(KubeNames.of(backup, "mover")).withLabels(labels).endMetadata().build()).create();
    }

    @Test
    void sweepRemovesTheTemporariesOfThatBackupAndNothingElse() {
        leaveTemporaries(client, "kv-crash", "data-kv-0");
        leaveTemporaries(client, "kv-other", "data-kv-1");
        // restored objects carry cairn.io/backup as well, with cairn.io/restore
        client.configMaps().inNamespace(KvApp.NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("restored").endMetadata().build()).create();
        client.persistentVolumeClaims().inNamespace(KvApp.NS).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("restored-data").addToLabels(VolumeBackup.BACKUP_LABEL, "kv-crash")
                .addToLabels(VolumeFiller.RESTORE_LABEL, "r1").endMetadata().build()).create();

        VolumeTemporaries.Swept swept = VolumeTemporaries.sweep(client, "kv-crash");

        String group = KubeNames.of("kv-crash", "group", KvApp.DRIVER);
        assertThat(swept.errors()).isEmpty();
        assertThat(swept.removed()).containsExactlyInAnyOrder(
                "Pod kv/cairn-kv-crash-data-kv-1",
                "VolumeSnapshot kv/snapshot-kv-crash",
                "VolumeGroupSnapshot kv/" + group,
                "VolumeSnapshot kv/cairn-kv-crash-data-kv-1",
                "PersistentVolumeClaim kv/cairn-kv-crash-data-kv-1",
                "Secret kv/cairn-kv-crash-mover",
                "ServiceAccount kv/cairn-kv-crash-mover",
                "label cairn.io/group-snapshot of PersistentVolumeClaim kv/data-kv-0");
        assertThat(client.persistentVolumeClaims().inNamespace(KvApp.NS).list().getItems())
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("data-kv-0", "data-kv-1", "restored-data", "cairn-kv-other-data-kv-1");
        assertThat(client.pods().inNamespace(KvApp.NS).list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("kv-0", "kv-1", "cairn-kv-other-data-kv-1");
        assertThat(client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inNamespace(KvApp.NS).list().getItems())
                .extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder("snapshot-kv-other", "cairn-kv-other-data-kv-1");
        assertThat(client.genericKubernetesResources(GroupSnapshotApi.groups(V)).inNamespace(KvApp.NS).list().getItems())
                .extracting(s -> s.getMetadata().getName()).containsExactly(KubeNames.of("kv-other", "group", KvApp.DRIVER));
        assertThat(client.secrets().inNamespace(KvApp.NS).list().getItems()).extracting(s -> s.getMetadata().getName())
                .containsExactly("cairn-kv-other-mover");
        assertThat(client.persistentVolumeClaims().inNamespace(KvApp.NS).withName("data-kv-0").get().getMetadata().getLabels())
                .doesNotContainKey(VolumeBackup.GROUP_LABEL);
        assertThat(client.persistentVolumeClaims().inNamespace(KvApp.NS).withName("data-kv-1").get().getMetadata().getLabels())
                .containsKey(VolumeBackup.GROUP_LABEL);

        assertThat(VolumeTemporaries.sweep(client, "kv-crash").removed()).isEmpty();
    }
}
