package io.cairn.kube.restore.sanitize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.restore.ResourceType;
import java.util.List;

/**
 * PVs and PVCs: clears what the PV controller recorded about the old binding so it binds the restored pair
 * again. Both lose {@code pv.kubernetes.io/bind-completed} and {@code bound-by-controller}; a PV's claimRef
 * loses uid and resourceVersion (the claim is re-created with a new uid). A PVC whose PV is not part of this
 * restore is re-bound dynamically: it also loses spec.volumeName and the storage-provisioner annotations, so
 * the provisioner of its storage class makes a new volume.
 */
public final class VolumeBindingSanitizer implements ObjectSanitizer {
    static final String BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
    static final String BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
    static final List<String> PROVISIONER_ANNOTATIONS =
            List.of("volume.beta.kubernetes.io/storage-provisioner", "volume.kubernetes.io/storage-provisioner");

    @Override
    public void sanitize(ObjectNode object, ResourceType type, SanitizeContext context) {
        boolean pv = type.equals(ResourceType.PERSISTENT_VOLUMES);
        boolean pvc = type.equals(ResourceType.PERSISTENT_VOLUME_CLAIMS);
        if (!pv && !pvc) {
            return;
        }
        ObjectNode annotations = JsonTree.object(object, "metadata", "annotations");
        if (annotations != null) {
            annotations.remove(List.of(BIND_COMPLETED, BOUND_BY_CONTROLLER));
        }
        if (pv) {
            ObjectNode claimRef = JsonTree.object(object, "spec", "claimRef");
            if (claimRef != null) {
                claimRef.remove(List.of("uid", "resourceVersion"));
            }
            return;
        }
        ObjectNode spec = JsonTree.object(object, "spec");
        String volumeName = JsonTree.text(spec, "volumeName");
        if (volumeName != null && !context.restoredPersistentVolumes().contains(volumeName)) {
            spec.remove("volumeName");
            if (annotations != null) {
                annotations.remove(PROVISIONER_ANNOTATIONS);
            }
        }
    }
}
