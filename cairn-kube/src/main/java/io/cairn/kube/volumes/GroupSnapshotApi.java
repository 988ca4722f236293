package io.cairn.kube.volumes;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CSI volume group snapshots through groupsnapshot.storage.k8s.io as generic resources: whether (and in which
 * version) the cluster serves the API, which VolumeGroupSnapshotClass serves a driver, creating a
 * VolumeGroupSnapshot, reading its state, finding its member VolumeSnapshots and deleting it.
 * <p>
 * Members: v1alpha1 lists them in {@code status.pvcVolumeSnapshotRefList}; from v1beta1 on (external-snapshotter
 * 8.x) that list is gone and each member VolumeSnapshot has an ownerReference to its group,
 * {@code status.volumeGroupSnapshotName} and {@code spec.source.persistentVolumeClaimName} (early 8.0 controllers
 * also labelled them {@code groupsnapshot.storage.k8s.io/volumeGroupSnapshotName}). All of these are read.
 * Members do not carry Cairn's labels (the controller creates them), so they are found through their group.
 */
final class GroupSnapshotApi {
    static final String GROUP = "groupsnapshot.storage.k8s.io";
    /** The versions Cairn can use, best first; the server's preferred version wins when it is one of them. */
    static final List<String> VERSIONS = List.of("v1beta2", "v1beta1", "v1alpha1");
    static final String DEFAULT_CLASS_ANNOTATION = "groupsnapshot.storage.kubernetes.io/is-default-class";
    static final String MEMBER_GROUP_LABEL = "groupsnapshot.storage.k8s.io/volumeGroupSnapshotName";

    private final KubernetesClient client;
    private boolean probed;
    private String version;
    private List<GenericKubernetesResource> classes;

    GroupSnapshotApi(KubernetesClient client) {
        this.client = client;
    }

    static ResourceDefinitionContext groups(String version) {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(version)
                .withKind("VolumeGroupSnapshot").withPlural("volumegroupsnapshots").withNamespaced(true).build();
    }

    static ResourceDefinitionContext classes(String version) {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(version)
                .withKind("VolumeGroupSnapshotClass").withPlural("volumegroupsnapshotclasses").withNamespaced(false).build();
    }

    /** The version of groupsnapshot.storage.k8s.io to use, or empty when the cluster does not serve a usable one. */
    synchronized Optional<String> version() {
        if (!probed) {
            probed = true;
            version = probe();
        }
        return Optional.ofNullable(version);
    }

    private String probe() {
        APIGroup group;
        try {
            // GET /apis/<group> (not the whole /apis list): 404 when the CRDs are not installed
            String json = client.raw("/apis/" + GROUP);
            if (json == null || json.isBlank()) {
                return null;
            }
            group = client.getKubernetesSerialization().unmarshal(json, APIGroup.class);
        } catch (RuntimeException e) {
            return null;
        }
        if (group == null || !GROUP.equals(group.getName()) || group.getVersions() == null) {
            return null;
        }
        List<String> served = group.getVersions().stream().map(GroupVersionForDiscovery::getVersion).toList();
        String preferred = group.getPreferredVersion() == null ? null : group.getPreferredVersion().getVersion();
        if (preferred != null && VERSIONS.contains(preferred)) {
            return preferred;
        }
        return VERSIONS.stream().filter(served::contains).findFirst().orElse(null);
    }

    /** The VolumeGroupSnapshotClass for the driver (the default one when several), or empty. */
    synchronized Optional<String> classFor(String driver) {
        if (version().isEmpty() || driver == null) {
            return Optional.empty();
        }
        if (classes == null) {
            try {
                classes = client.genericKubernetesResources(classes(version)).list().getItems();
            } catch (KubernetesClientException e) {
                classes = List.of();
            }
        }
        List<GenericKubernetesResource> matching = classes.stream()
                .filter(c -> driver.equals(c.getAdditionalProperties().get("driver"))).toList();
        return matching.stream().filter(c -> c.getMetadata().getAnnotations() != null
                        && "true".equals(c.getMetadata().getAnnotations().get(DEFAULT_CLASS_ANNOTATION))).findFirst()
                .or(() -> matching.stream().findFirst()).map(c -> c.getMetadata().getName());
    }

    void create(String namespace, String name, String groupClass, Map<String, String> selector, Map<String, String> labels) {
        GenericKubernetesResource vgs = new GenericKubernetesResourceBuilder().withApiVersion(GROUP + "/" + version)
                .withKind("VolumeGroupSnapshot").withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels).endMetadata().build();
        vgs.setAdditionalProperty("spec", Map.of("volumeGroupSnapshotClassName", groupClass,
                "source", Map.of("selector", Map.of("matchLabels", selector))));
        groups().inNamespace(namespace).resource(vgs).create();
    }

    /** The group's state; an error state when it is gone. */
    SnapshotApi.State state(String namespace, String name) {
        GenericKubernetesResource vgs = groups().inNamespace(namespace).withName(name).get();
        if (vgs == null) {
            return new SnapshotApi.State(false, null, null, "VolumeGroupSnapshot " + namespace + "/" + name + " disappeared");
        }
        if (!(vgs.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
            return new SnapshotApi.State(false, null, null, null);
        }
        Object time = status.get("creationTime");
        String error = status.get("error") instanceof Map<?, ?> e && e.get("message") != null ? String.valueOf(e.get("message")) : null;
        return new SnapshotApi.State(Boolean.TRUE.equals(status.get("readyToUse")),
                time == null ? null : OffsetDateTime.parse(time.toString()), null, error);
    }

    /** The group's member VolumeSnapshots: name → source PVC name (null when a member does not tell). */
    Map<String, String> members(String namespace, String name) {
        Map<String, String> members = new LinkedHashMap<>();
        GenericKubernetesResource vgs = groups().inNamespace(namespace).withName(name).get();
        if (vgs == null) {
            return members;
        }
        if (vgs.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                && status.get("pvcVolumeSnapshotRefList") instanceof List<?> refs) {
            for (Object ref : refs) {
                if (ref instanceof Map<?, ?> pair && pair.get("volumeSnapshotRef") instanceof Map<?, ?> vs
                        && pair.get("persistentVolumeClaimRef") instanceof Map<?, ?> pvc) {
                    members.put(String.valueOf(vs.get("name")), String.valueOf(pvc.get("name")));
                }
            }
        }
        String uid = vgs.getMetadata().getUid();
        for (GenericKubernetesResource vs : client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inNamespace(namespace)
                .list().getItems()) {
            if (isMember(vs, name, uid)) {
                if (members.get(vs.getMetadata().getName()) == null) {
                    members.put(vs.getMetadata().getName(), sourcePvc(vs));
                }
            }
        }
        return members;
    }

    private static boolean isMember(GenericKubernetesResource vs, String group, String uid) {
        List<OwnerReference> owners = vs.getMetadata().getOwnerReferences();
        if (owners != null && owners.stream().anyMatch(o -> "VolumeGroupSnapshot".equals(o.getKind())
                && group.equals(o.getName()) && (uid == null || o.getUid() == null || uid.equals(o.getUid())))) {
            return true;
        }
        Map<String, String> labels = vs.getMetadata().getLabels();
        if (labels != null && group.equals(labels.get(MEMBER_GROUP_LABEL))) {
            return true;
        }
        return vs.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                && group.equals(status.get("volumeGroupSnapshotName"));
    }

    private static String sourcePvc(GenericKubernetesResource vs) {
        return vs.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                && spec.get("source") instanceof Map<?, ?> source && source.get("persistentVolumeClaimName") != null
                ? source.get("persistentVolumeClaimName").toString() : null;
    }

    /**
     * Deletes the group, then its members (with a Delete policy the snapshot controller removes them anyway; with
     * Retain, or a controller that does not, they would stay). Best effort. Returns the members it asked to delete.
     */
    List<String> delete(String namespace, String name) {
        List<String> members;
        try {
            members = List.copyOf(members(namespace, name).keySet());
        } catch (KubernetesClientException e) {
            members = List.of();
        }
        try {
            groups().inNamespace(namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
            // best effort: the group carries the cairn.io/backup label; `cairn backup release` sweeps it
        }
        for (String m : members) {
            try {
                client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inNamespace(namespace).withName(m).delete();
            } catch (KubernetesClientException e) {
                // best effort
            }
        }
        return members;
    }

    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> groups() {
        return client.genericKubernetesResources(groups(version().orElseThrow()));
    }
}
