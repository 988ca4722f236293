package io.cairn.kube.graph;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimTemplate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a pod needs: its PVCs (and their PVs and StorageClasses), the ConfigMaps and Secrets it mounts or
 * reads, its image pull Secrets, its ServiceAccount and the RBAC objects that grant that account.
 */
final class PodDependencies {
    private final Context ctx;

    PodDependencies(Context ctx) {
        this.ctx = ctx;
    }

    /** Adds what a pod spec references; {@code who} describes the pod ("pod db-0 of statefulset/db"). */
    void add(String ns, PodSpec spec, String who) {
        if (spec == null) {
            return;
        }
        for (Volume v : nullSafe(spec.getVolumes())) {
            if (v.getPersistentVolumeClaim() != null) {
                addClaim(ns, v.getPersistentVolumeClaim().getClaimName(), "mounted by " + who, true);
            }
            if (v.getConfigMap() != null) {
                configMap(ns, v.getConfigMap().getName(), "mounted by " + who, v.getConfigMap().getOptional());
            }
            if (v.getSecret() != null) {
                secret(ns, v.getSecret().getSecretName(), "mounted by " + who, v.getSecret().getOptional());
            }
            if (v.getProjected() != null) {
                for (VolumeProjection p : nullSafe(v.getProjected().getSources())) {
                    if (p.getConfigMap() != null) {
                        configMap(ns, p.getConfigMap().getName(), "projected into " + who, p.getConfigMap().getOptional());
                    }
                    if (p.getSecret() != null) {
                        secret(ns, p.getSecret().getName(), "projected into " + who, p.getSecret().getOptional());
                    }
                }
            }
        }
        List<Container> containers = new ArrayList<>(nullSafe(spec.getInitContainers()));
        containers.addAll(nullSafe(spec.getContainers()));
        for (Container c : containers) {
            for (EnvVar e : nullSafe(c.getEnv())) {
                if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                    var r = e.getValueFrom().getConfigMapKeyRef();
                    configMap(ns, r.getName(), "read by " + who + " (env " + e.getName() + ")", r.getOptional());
                }
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    var r = e.getValueFrom().getSecretKeyRef();
                    secret(ns, r.getName(), "read by " + who + " (env " + e.getName() + ")", r.getOptional());
                }
            }
            for (EnvFromSource e : nullSafe(c.getEnvFrom())) {
                if (e.getConfigMapRef() != null) {
                    configMap(ns, e.getConfigMapRef().getName(), "read by " + who + " (envFrom)", e.getConfigMapRef().getOptional());
                }
                if (e.getSecretRef() != null) {
                    secret(ns, e.getSecretRef().getName(), "read by " + who + " (envFrom)", e.getSecretRef().getOptional());
                }
            }
        }
        for (LocalObjectReference r : nullSafe(spec.getImagePullSecrets())) {
            secret(ns, r.getName(), "image pull secret of " + who, false);
        }
        String sa = spec.getServiceAccountName() != null ? spec.getServiceAccountName() : spec.getServiceAccount();
        serviceAccount(ns, sa == null || sa.isEmpty() ? "default" : sa, who);
    }

    /** The PVCs a StatefulSet's volumeClaimTemplates made: {@code <template>-<statefulset>-<ordinal>}. */
    void addClaimTemplates(String ns, StatefulSet sts) {
        if (sts.getSpec() == null) {
            return;
        }
        String stsName = sts.getMetadata().getName();
        for (PersistentVolumeClaim template : nullSafe(sts.getSpec().getVolumeClaimTemplates())) {
            String tmpl = template.getMetadata().getName();
            Pattern name = Pattern.compile(Pattern.quote(tmpl + "-" + stsName + "-") + "\\d+");
            for (PersistentVolumeClaim pvc : pvcs(ns)) {
                if (name.matcher(pvc.getMetadata().getName()).matches()) {
                    includeClaim(pvc, "volumeClaimTemplate " + tmpl + " of statefulset/" + stsName);
                }
            }
        }
    }

    private void addClaim(String ns, String name, String reason, boolean warnIfMissing) {
        PersistentVolumeClaim pvc = Context.named(pvcs(ns), name);
        if (pvc == null) {
            if (warnIfMissing) {
                ctx.plan.warn("persistentvolumeclaim " + ns + "/" + name, "not found (" + reason + ")");
            }
            return;
        }
        includeClaim(pvc, reason);
    }

    private void includeClaim(PersistentVolumeClaim pvc, String reason) {
        if (!ctx.include(pvc, reason) || pvc.getSpec() == null) {
            return;
        }
        String claim = "pvc " + pvc.getMetadata().getName();
        String storageClass = pvc.getSpec().getStorageClassName();
        if (pvc.getSpec().getVolumeName() != null && !pvc.getSpec().getVolumeName().isEmpty()) {
            String pvName = pvc.getSpec().getVolumeName();
            PersistentVolume pv = ctx.view.get("persistentvolume " + pvName,
                    () -> ctx.client.persistentVolumes().withName(pvName).get());
            if (pv != null && ctx.include(pv, "bound to " + claim) && storageClass == null && pv.getSpec() != null) {
                storageClass = pv.getSpec().getStorageClassName();
            }
        }
        if (storageClass != null && !storageClass.isEmpty()) {
            String sc = storageClass;
            StorageClass cls = ctx.view.get("storageclass " + sc, () -> ctx.client.storage().v1().storageClasses().withName(sc).get());
            if (cls != null) {
                ctx.include(cls, "storage class of " + claim);
            }
        }
    }

    private void configMap(String ns, String name, String reason, Boolean optional) {
        List<ConfigMap> all = ctx.view.list(ns, "configmaps", () -> ctx.client.configMaps().inNamespace(ns).list().getItems());
        includeNamed(all, "configmap", ns, name, reason, optional);
    }

    private void secret(String ns, String name, String reason, Boolean optional) {
        List<Secret> all = ctx.view.list(ns, "secrets", () -> ctx.client.secrets().inNamespace(ns).list().getItems());
        includeNamed(all, "secret", ns, name, reason, optional);
    }

    private <T extends HasMetadata> void includeNamed(List<T> all, String what, String ns, String name, String reason,
                                                      Boolean optional) {
        if (name == null || name.isEmpty()) {
            return;
        }
        T o = Context.named(all, name);
        if (o != null) {
            ctx.include(o, reason);
        } else if (!Boolean.TRUE.equals(optional)) {
            ctx.plan.warn(what + " " + ns + "/" + name, "not found (" + reason + ")");
        }
    }

    private void serviceAccount(String ns, String name, String who) {
        List<ServiceAccount> all = ctx.view.serviceAccounts(ns);
        ServiceAccount sa = Context.named(all, name);
        if (sa == null) {
            ctx.plan.warn("serviceaccount " + ns + "/" + name, "not found (service account of " + who + ")");
            return;
        }
        if (!ctx.include(sa, "service account of " + who)) {
            return;
        }
        String account = "serviceaccount " + name;
        for (RoleBinding rb : ctx.view.roleBindingsThatMayGrant(ns)) {
            String bindingNs = rb.getMetadata().getNamespace();
            if (grants(rb.getSubjects(), ns, name, bindingNs) && ctx.include(rb, "grants " + account + " of " + ns)) {
                addRole(bindingNs, rb.getRoleRef(), "granted to " + account + " by rolebinding " + bindingNs + "/"
                        + rb.getMetadata().getName());
            }
        }
        for (ClusterRoleBinding crb : ctx.view.clusterRoleBindings()) {
            if (grants(crb.getSubjects(), ns, name, null) && ctx.include(crb, "grants " + account + " in " + ns)) {
                addRole(ns, crb.getRoleRef(), "granted to " + account + " by clusterrolebinding " + crb.getMetadata().getName());
            }
        }
    }

    private void addRole(String ns, RoleRef ref, String reason) {
        if (ref == null) {
            return;
        }
        if ("Role".equals(ref.getKind())) {
            List<Role> roles = ctx.view.list(ns, "roles.rbac.authorization.k8s.io",
                    () -> ctx.client.rbac().roles().inNamespace(ns).list().getItems());
            includeNamed(roles, "role", ns, ref.getName(), reason, false);
        } else if ("ClusterRole".equals(ref.getKind())) {
            ClusterRole role = ctx.view.get("clusterrole " + ref.getName(),
                    () -> ctx.client.rbac().clusterRoles().withName(ref.getName()).get());
            if (role != null) {
                ctx.include(role, reason);
            } else {
                ctx.plan.warn("clusterrole " + ref.getName(), "not found (" + reason + ")");
            }
        }
    }

    /** The account directly, or through the groups every service account (of its namespace) belongs to. */
    static boolean grants(List<Subject> subjects, String ns, String account, String bindingNamespace) {
        for (Subject s : nullSafe(subjects)) {
            String subjectNs = s.getNamespace() == null || s.getNamespace().isEmpty() ? bindingNamespace : s.getNamespace();
            if ("ServiceAccount".equals(s.getKind()) && account.equals(s.getName()) && ns.equals(subjectNs)) {
                return true;
            }
            if ("Group".equals(s.getKind())
                    && ("system:serviceaccounts".equals(s.getName()) || ("system:serviceaccounts:" + ns).equals(s.getName()))) {
                return true;
            }
        }
        return false;
    }

    private List<PersistentVolumeClaim> pvcs(String ns) {
        return ctx.view.list(ns, "persistentvolumeclaims",
                () -> ctx.client.persistentVolumeClaims().inNamespace(ns).list().getItems());
    }

    static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
