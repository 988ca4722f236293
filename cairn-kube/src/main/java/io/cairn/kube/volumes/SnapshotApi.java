package io.cairn.kube.volumes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CSI snapshots through snapshot.storage.k8s.io/v1 as generic resources: which VolumeSnapshotClass serves a PVC's
 * driver, creating a VolumeSnapshot, reading its state, deleting it.
 */
final class SnapshotApi {
    static final String API_VERSION = "snapshot.storage.k8s.io/v1";
    static final String GROUP = "snapshot.storage.k8s.io";
    static final String DEFAULT_CLASS_ANNOTATION = "snapshot.storage.kubernetes.io/is-default-class";

    /** Explicit contexts: no discovery needed (the mock API server serves none). */
    static final ResourceDefinitionContext SNAPSHOTS = new ResourceDefinitionContext.Builder().withGroup(GROUP)
            .withVersion("v1").withKind("VolumeSnapshot").withPlural("volumesnapshots").withNamespaced(true).build();
    static final ResourceDefinitionContext CLASSES = new ResourceDefinitionContext.Builder().withGroup(GROUP)
            .withVersion("v1").withKind("VolumeSnapshotClass").withPlural("volumesnapshotclasses").withNamespaced(false).build();

    private final KubernetesClient client;
    private List<GenericKubernetesResource> classes;
    private String classesProblem;

    SnapshotApi(KubernetesClient client) {
        this.client = client;
    }

    /** What a snapshot looks like now. */
    record State(boolean ready, OffsetDateTime creationTime, String restoreSize, String error) {
    }

    /**
     * The VolumeSnapshotClass for the PVC's CSI driver (the default one when several), or empty with the reason in
     * {@code why[0]}.
     */
    synchronized Optional<String> classFor(PersistentVolumeClaim pvc, String[] why) {
        String driver = driverOf(pvc);
        if (driver == null) {
            why[0] = "cannot tell the CSI driver of PVC " + pvc.getMetadata().getName()
                    + " (no CSI PersistentVolume and no StorageClass)";
            return Optional.empty();
        }
        if (classes == null) {
            try {
                classes = client.genericKubernetesResources(CLASSES).list().getItems();
            } catch (KubernetesClientException e) {
                classes = List.of();
                classesProblem = e.getCode() == 404 ? "the cluster does not serve " + API_VERSION
                        : "cannot list VolumeSnapshotClasses: " + e.getMessage();
            }
        }
        List<GenericKubernetesResource> matching = classes.stream()
                .filter(c -> driver.equals(c.getAdditionalProperties().get("driver"))).toList();
        if (matching.isEmpty()) {
            why[0] = "no VolumeSnapshotClass for CSI driver " + driver + (classesProblem == null ? "" : " (" + classesProblem + ")");
            return Optional.empty();
        }
        return Optional.of(matching.stream()
                .filter(c -> "true".equals(annotations(c).get(DEFAULT_CLASS_ANNOTATION))).findFirst()
                .orElse(matching.get(0)).getMetadata().getName());
    }

    /** The CSI driver: the bound PV's spec.csi.driver, else the StorageClass's provisioner; null when unknown. */
    String driverOf(PersistentVolumeClaim pvc) {
        String pvName = pvc.getSpec() == null ? null : pvc.getSpec().getVolumeName();
        if (pvName != null) {
            PersistentVolume pv = client.persistentVolumes().withName(pvName).get();
            if (pv != null && pv.getSpec().getCsi() != null) {
                return pv.getSpec().getCsi().getDriver();
            }
        }
        String sc = pvc.getSpec() == null ? null : pvc.getSpec().getStorageClassName();
        if (sc != null) {
            StorageClass cls = client.storage().v1().storageClasses().withName(sc).get();
            if (cls != null) {
                return cls.getProvisioner();
            }
        }
        return null;
    }

    void create(String namespace, String name, String pvc, String snapshotClass, Map<String, String> labels) {
        GenericKubernetesResource vs = new GenericKubernetesResourceBuilder().withApiVersion(API_VERSION)
                .withKind("VolumeSnapshot").withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels).endMetadata().build();
        vs.setAdditionalProperty("spec", Map.of("volumeSnapshotClassName", snapshotClass,
                "source", Map.of("persistentVolumeClaimName", pvc)));
        snapshots().inNamespace(namespace).resource(vs).create();
    }

    /** The snapshot's state; an error state when it is gone. */
    State state(String namespace, String name) {
        GenericKubernetesResource vs = snapshots().inNamespace(namespace).withName(name).get();
        if (vs == null) {
            return new State(false, null, null, "VolumeSnapshot " + namespace + "/" + name + " disappeared");
        }
        if (!(vs.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
            return new State(false, null, null, null);
        }
        Object time = status.get("creationTime");
        String error = status.get("error") instanceof Map<?, ?> e && e.get("message") != null ? String.valueOf(e.get("message")) : null;
        return new State(Boolean.TRUE.equals(status.get("readyToUse")),
                time == null ? null : OffsetDateTime.parse(time.toString()),
                status.get("restoreSize") == null ? null : status.get("restoreSize").toString(), error);
    }

    void delete(String namespace, String name) {
        try {
            snapshots().inNamespace(namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
            // best effort: a left-over snapshot carries the cairn.io/backup label for manual cleanup
        }
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> snapshots() {
        return client.genericKubernetesResources(SNAPSHOTS);
    }

    private static Map<String, String> annotations(GenericKubernetesResource r) {
        return r.getMetadata().getAnnotations() == null ? Map.of() : r.getMetadata().getAnnotations();
    }
}
