package io.cairn.kube.volumes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * A two-replica StatefulSet {@code kv} in namespace {@code kv}, one PVC each ({@code data-kv-0} on node-a,
 * {@code data-kv-1} on node-b), on CSI driver {@value #DRIVER} whose VolumeSnapshotClass is {@value #SNAPSHOT_CLASS};
 * and a StorageClass {@value #NO_SNAPSHOT_STORAGE_CLASS} of a driver without one.
 */
final class KvApp {
    static final String NS = "kv";
    static final String DRIVER = "csi.example.com";
    static final String STORAGE_CLASS = "csi-standard";
    static final String SNAPSHOT_CLASS = "csi-snapclass";
    static final String NO_SNAPSHOT_STORAGE_CLASS = "nfs";
    static final Map<String, String> LABELS = Map.of("app", "kv");

    private KvApp() {
    }

    /**
     * The common setting of the volume tests: discovery served, the app created, and a fake cluster whose two
     * volumes hold sample trees (seeded {@code seed} and {@code seed + 1}). The caller closes the cluster.
     */
    static FakeVolumeCluster startWithVolumes(io.fabric8.kubernetes.client.server.mock.KubernetesMockServer server,
                                              KubernetesClient client, java.nio.file.Path tmp, int seed) throws Exception {
        io.cairn.kube.testing.DiscoveryFixture.stub(server);
        create(client);
        FakeVolumeCluster cluster = new FakeVolumeCluster(client, tmp);
        VolumeTrees.sample(cluster.volume(NS, "data-kv-0"), seed);
        VolumeTrees.sample(cluster.volume(NS, "data-kv-1"), seed + 1);
        return cluster;
    }

    static void create(KubernetesClient client) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName(STORAGE_CLASS)
                .endMetadata().withProvisioner(DRIVER).build()).create();
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                .withName(NO_SNAPSHOT_STORAGE_CLASS).endMetadata().withProvisioner("nfs.csi.k8s.io").build()).create();
        var vsc = new GenericKubernetesResourceBuilder().withApiVersion(SnapshotApi.API_VERSION).withKind("VolumeSnapshotClass")
                .withNewMetadata().withName(SNAPSHOT_CLASS).endMetadata().build();
        vsc.setAdditionalProperty("driver", DRIVER);
        vsc.setAdditionalProperty("deletionPolicy", "Delete");
        client.genericKubernetesResources(SnapshotApi.CLASSES).resource(vsc).create();
        var sts = client.apps().statefulSets().inNamespace(NS).resource(new StatefulSetBuilder().withNewMetadata()
                .withName("kv").withNamespace(NS).withLabels(LABELS).endMetadata()
                .withNewSpec().withReplicas(2).withServiceName("kv").withNewSelector().withMatchLabels(LABELS).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(LABELS).endMetadata().withNewSpec()
                .addNewContainer().withName("kv").withImage("example/kv:1").addNewVolumeMount().withName("data")
                .withMountPath("/data").endVolumeMount().endContainer().endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
                .withAccessModes("ReadWriteOnce").withStorageClassName(STORAGE_CLASS)
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec()
                .endVolumeClaimTemplate().endSpec().build()).create();
        for (int i = 0; i < 2; i++) {
            String claim = "data-kv-" + i;
            client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName("pv-kv-" + i)
                    .endMetadata().withNewSpec().addToCapacity("storage", new Quantity("1Gi")).withAccessModes("ReadWriteOnce")
                    .withStorageClassName(STORAGE_CLASS).withNewCsi().withDriver(DRIVER).withVolumeHandle("vol-" + i).endCsi()
                    .withNewClaimRef().withNamespace(NS).withName(claim).endClaimRef().endSpec().build()).create();
            client.persistentVolumeClaims().inNamespace(NS).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                    .withName(claim).withNamespace(NS).withLabels(LABELS).endMetadata().withNewSpec()
                    .withAccessModes("ReadWriteOnce").withStorageClassName(STORAGE_CLASS).withVolumeName("pv-kv-" + i)
                    .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec()
                    .withNewStatus().withPhase("Bound").endStatus().build()).create();
            client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("kv-" + i).withNamespace(NS)
                    .withLabels(LABELS).addToLabels("statefulset.kubernetes.io/pod-name", "kv-" + i)
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName("kv")
                    .withUid(sts.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                    .withNewSpec().withNodeName(i == 0 ? "node-a" : "node-b")
                    .addNewContainer().withName("kv").withImage("example/kv:1").addNewVolumeMount().withName("data")
                    .withMountPath("/data").endVolumeMount().endContainer()
                    .addNewVolume().withName("data").withNewPersistentVolumeClaim(claim, false).endVolume().endSpec()
                    .withNewStatus().withPhase("Running").endStatus().build()).create();
        }
    }
}
