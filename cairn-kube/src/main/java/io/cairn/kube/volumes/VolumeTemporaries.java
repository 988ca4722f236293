package io.cairn.kube.volumes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sweeps what the volume step of a backup leaves in the cluster when the process running it dies: mover pods,
 * VolumeGroupSnapshots (with their member VolumeSnapshots, which the controller creates without Cairn's labels),
 * VolumeSnapshots, temporary PVCs, Secrets and ServiceAccounts labelled {@code cairn.io/backup=<backup>}, and the
 * {@code cairn.io/group-snapshot} label on the app's own PVCs.
 * <p>
 * Restored objects carry {@code cairn.io/backup} too (with {@code cairn.io/restore}), so a temporary is an object
 * with the backup label, without the restore label, and either labelled {@code cairn.io/temporary} or (left by
 * a version that did not set it) named {@code cairn-...} as every temporary is.
 */
public final class VolumeTemporaries {
    private VolumeTemporaries() {
    }

    /** What a sweep removed ("Pod ns/name", ...) and what it could not. */
    public record Swept(List<String> removed, List<String> errors) {
    }

    public static Swept sweep(KubernetesClient client, String backup) {
        String value = VolumeBackup.labelValue(backup);
        List<String> removed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        // pods first: they hold the temporary PVCs and use the Secrets
        sweepList("Pod", () -> client.pods().inAnyNamespace().withLabel(VolumeBackup.BACKUP_LABEL, value).list().getItems(),
                p -> client.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName())
                        .withGracePeriod(0).delete(), removed, errors);
        GroupSnapshotApi groups = new GroupSnapshotApi(client);
        if (groups.version().isPresent()) {
            sweepList("VolumeGroupSnapshot", () -> groups.groups().inAnyNamespace()
                    .withLabel(VolumeBackup.BACKUP_LABEL, value).list().getItems(), g -> {
                for (String member : groups.delete(g.getMetadata().getNamespace(), g.getMetadata().getName())) {
                    removed.add("VolumeSnapshot " + g.getMetadata().getNamespace() + "/" + member);
                }
            }, removed, errors);
        }
        sweepList("VolumeSnapshot", () -> snapshotsOrNone(client, value),
                s -> client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inNamespace(s.getMetadata().getNamespace())
                        .withName(s.getMetadata().getName()).delete(), removed, errors);
        sweepList("PersistentVolumeClaim", () -> client.persistentVolumeClaims().inAnyNamespace()
                        .withLabel(VolumeBackup.BACKUP_LABEL, value).list().getItems(),
                p -> client.persistentVolumeClaims().inNamespace(p.getMetadata().getNamespace())
                        .withName(p.getMetadata().getName()).delete(), removed, errors);
        sweepList("Secret", () -> client.secrets().inAnyNamespace().withLabel(VolumeBackup.BACKUP_LABEL, value).list().getItems(),
                s -> client.secrets().inNamespace(s.getMetadata().getNamespace()).withName(s.getMetadata().getName()).delete(),
                removed, errors);
        sweepList("ServiceAccount", () -> client.serviceAccounts().inAnyNamespace()
                        .withLabel(VolumeBackup.BACKUP_LABEL, value).list().getItems(),
                s -> client.serviceAccounts().inNamespace(s.getMetadata().getNamespace())
                        .withName(s.getMetadata().getName()).delete(), removed, errors);
        try {
            for (PersistentVolumeClaim p : client.persistentVolumeClaims().inAnyNamespace()
                    .withLabel(VolumeBackup.GROUP_LABEL).list().getItems()) {
                Map<String, String> annotations = p.getMetadata().getAnnotations();
                if (annotations == null || !backup.equals(annotations.get(VolumeBackup.GROUP_BACKUP_ANNOTATION))) {
                    continue;
                }
                try {
                    client.persistentVolumeClaims().inNamespace(p.getMetadata().getNamespace())
                            .withName(p.getMetadata().getName()).edit(VolumeBackup::withoutGroupLabel);
                    removed.add("label " + VolumeBackup.GROUP_LABEL + " of PersistentVolumeClaim " + key(p));
                } catch (KubernetesClientException e) {
                    errors.add("cannot remove label " + VolumeBackup.GROUP_LABEL + " of PersistentVolumeClaim " + key(p)
                            + ": " + e.getMessage());
                }
            }
        } catch (KubernetesClientException e) {
            errors.add("cannot list PersistentVolumeClaims: " + e.getMessage());
        }
        return new Swept(List.copyOf(removed), List.copyOf(errors));
    }

    /** VolumeSnapshots with the label; none when the cluster does not serve snapshot.storage.k8s.io. */
    private static List<GenericKubernetesResource> snapshotsOrNone(KubernetesClient client, String value) {
        try {
            return client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inAnyNamespace()
                    .withLabel(VolumeBackup.BACKUP_LABEL, value).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    private interface Delete<T> {
        void delete(T object);
    }

    private static <T extends HasMetadata> void sweepList(String kind, Supplier<List<T>> list, Delete<T> delete,
                                                          List<String> removed, List<String> errors) {
        List<T> found;
        try {
            found = list.get();
        } catch (KubernetesClientException e) {
            errors.add("cannot list " + kind + "s: " + e.getMessage());
            return;
        }
        for (T o : found) {
            if (!isTemporary(o)) {
                continue;
            }
            try {
                delete.delete(o);
                removed.add(kind + " " + key(o));
            } catch (KubernetesClientException e) {
                errors.add("cannot delete " + kind + " " + key(o) + ": " + e.getMessage());
            }
        }
    }

    static boolean isTemporary(HasMetadata o) {
        Map<String, String> labels = o.getMetadata().getLabels();
        if (labels == null || labels.containsKey(VolumeFiller.RESTORE_LABEL)) {
            return false;
        }
        return "true".equals(labels.get(VolumeBackup.TEMPORARY_LABEL)) || o.getMetadata().getName().startsWith("cairn-");
    }

    private static String key(HasMetadata o) {
        return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }
}
