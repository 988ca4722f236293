package io.cairn.kube.testing;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * Realistic applications in the mock API server, built with fabric8 builders:
 * <ul>
 * <li>namespace {@code shop}: WordPress (Deployment → ReplicaSet → Pod, PVC/PV/StorageClass, ConfigMaps,
 *     Secrets through env/envFrom/imagePullSecrets, its own ServiceAccount with a Role, RoleBinding,
 *     ClusterRole and ClusterRoleBinding, Service, Ingress, HPA, PDB, NetworkPolicy), MariaDB (StatefulSet
 *     with a volumeClaimTemplate, projected ConfigMap, Secret), an unrelated metrics exporter, and a
 *     default-deny NetworkPolicy that applies to every pod;</li>
 * <li>namespace {@code data}: a Cassandra StatefulSet of 3 with volumeClaimTemplates, 3 pods/PVCs/PVs;</li>
 * <li>namespace {@code cache}: a custom resource Memcached/sessions (CRD memcacheds.cache.example.com) that
 *     owns a StatefulSet and its pod;</li>
 * <li>namespace {@code kube-system} with one ConfigMap.</li>
 * </ul>
 */
public final class ShopFixture {
    private final KubernetesClient client;

    private ShopFixture(KubernetesClient client) {
        this.client = client;
    }

    public static void create(KubernetesClient client) {
        ShopFixture f = new ShopFixture(client);
        f.cluster();
        f.wordpress();
        f.mariadb();
        f.exporter();
        f.cassandra();
        f.memcached();
    }

    private <T extends HasMetadata> T add(T o) {
        return client.resource(o).create();
    }

    private void cluster() {
        for (String ns : new String[] {"shop", "data", "cache", "kube-system"}) {
            add(new NamespaceBuilder().withNewMetadata().withName(ns).addToLabels("kubernetes.io/metadata.name", ns)
                    .endMetadata().build());
            add(new ServiceAccountBuilder().withNewMetadata().withName("default").withNamespace(ns).endMetadata().build());
        }
        add(new ConfigMapBuilder().withNewMetadata().withName("coredns").withNamespace("kube-system").endMetadata()
                .addToData("Corefile", ".:53 {\n    forward . /etc/resolv.conf\n}\n").build());
        add(new StorageClassBuilder().withNewMetadata().withName("standard").endMetadata()
                .withProvisioner("rancher.io/local-path").withReclaimPolicy("Delete")
                .withVolumeBindingMode("WaitForFirstConsumer").build());
        add(new StorageClassBuilder().withNewMetadata().withName("fast").endMetadata()
                .withProvisioner("ebs.csi.aws.com").addToParameters("type", "gp3").build());
        add(new ClusterRoleBuilder().withNewMetadata().withName("node-reader").endMetadata()
                .addNewRule().withApiGroups("").withResources("nodes").withVerbs("get", "list").endRule().build());
        add(new ClusterRoleBuilder().withNewMetadata().withName("unrelated-admin").endMetadata()
                .addNewRule().withApiGroups("*").withResources("*").withVerbs("*").endRule().build());
    }

    private void wordpress() {
        add(new ConfigMapBuilder().withNewMetadata().withName("wordpress-config").withNamespace("shop").endMetadata()
                .addToData("wp-config-extra.php", "<?php define('WP_MEMORY_LIMIT', '256M');").build());
        add(new ConfigMapBuilder().withNewMetadata().withName("wordpress-env").withNamespace("shop").endMetadata()
                .addToData("WORDPRESS_DB_HOST", "mariadb").addToData("WORDPRESS_DB_NAME", "wordpress").build());
        add(new SecretBuilder().withNewMetadata().withName("mariadb-credentials").withNamespace("shop").endMetadata()
                .withType("Opaque").addToData("password", "czNjcjN0").addToData("root-password", "cjAwdA==").build());
        add(new SecretBuilder().withNewMetadata().withName("registry-creds").withNamespace("shop").endMetadata()
                .withType("kubernetes.io/dockerconfigjson").addToData(".dockerconfigjson", "e30=").build());
        add(new ServiceAccountBuilder().withNewMetadata().withName("wordpress").withNamespace("shop").endMetadata().build());
        add(new RoleBuilder().withNewMetadata().withName("wordpress-reader").withNamespace("shop").endMetadata()
                .addNewRule().withApiGroups("").withResources("configmaps").withVerbs("get").endRule().build());
        add(new RoleBindingBuilder().withNewMetadata().withName("wordpress-reader-binding").withNamespace("shop").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "wordpress-reader")
                .addNewSubject().withKind("ServiceAccount").withName("wordpress").withNamespace("shop").endSubject().build());
        add(new ClusterRoleBindingBuilder().withNewMetadata().withName("wordpress-node-reader").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "node-reader")
                .addNewSubject().withKind("ServiceAccount").withName("wordpress").withNamespace("shop").endSubject().build());
        add(new PersistentVolumeBuilder().withNewMetadata().withName("pv-wp-content").endMetadata().withNewSpec()
                .withStorageClassName("standard").addToCapacity("storage", new Quantity("10Gi"))
                .withAccessModes("ReadWriteOnce").withNewHostPath().withPath("/var/lib/local-path/wp").endHostPath()
                .withNewClaimRef().withNamespace("shop").withName("wp-content").endClaimRef().endSpec().build());
        add(new PersistentVolumeClaimBuilder().withNewMetadata().withName("wp-content").withNamespace("shop").endMetadata()
                .withNewSpec().withStorageClassName("standard").withVolumeName("pv-wp-content").withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("10Gi")).endResources().endSpec().build());
        PodSpec spec = new PodSpecBuilder().withServiceAccountName("wordpress")
                .addNewImagePullSecret("registry-creds")
                .addNewContainer().withName("wordpress").withImage("registry.example.com/wordpress:6.6-apache")
                .addNewPort().withContainerPort(80).endPort()
                .addNewEnv().withName("WORDPRESS_DB_PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "mariadb-credentials", false)
                .endValueFrom().endEnv()
                .addNewEnvFrom().withNewConfigMapRef("wordpress-env", false).endEnvFrom()
                .addNewVolumeMount().withName("content").withMountPath("/var/www/html").endVolumeMount()
                .addNewVolumeMount().withName("config").withMountPath("/etc/wordpress").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("content").withNewPersistentVolumeClaim("wp-content", false).endVolume()
                .addNewVolume().withName("config").withNewConfigMap().withName("wordpress-config").endConfigMap().endVolume()
                .build();
        Map<String, String> labels = Map.of("app", "wordpress", "tier", "frontend");
        Deployment d = add(new DeploymentBuilder().withNewMetadata().withName("wordpress").withNamespace("shop")
                .withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "wordpress").endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(spec).endTemplate()
                .endSpec().build());
        ReplicaSet rs = add(new ReplicaSetBuilder().withNewMetadata().withName("wordpress-5d8f7c9b4").withNamespace("shop")
                .addToLabels(labels).addToLabels("pod-template-hash", "5d8f7c9b4").withOwnerReferences(owner(d)).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "wordpress")
                .addToMatchLabels("pod-template-hash", "5d8f7c9b4").endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(spec).endTemplate()
                .endSpec().build());
        add(new PodBuilder().withNewMetadata().withName("wordpress-5d8f7c9b4-x2xkq").withNamespace("shop")
                .addToLabels(labels).addToLabels("pod-template-hash", "5d8f7c9b4").withOwnerReferences(owner(rs)).endMetadata()
                .withSpec(new PodSpecBuilder(spec).withNodeName("node-2").build()).build());
        add(new ServiceBuilder().withNewMetadata().withName("wordpress").withNamespace("shop").endMetadata()
                .withNewSpec().addToSelector("app", "wordpress").addNewPort().withPort(80).endPort().endSpec().build());
        add(new IngressBuilder().withNewMetadata().withName("wordpress").withNamespace("shop").endMetadata()
                .withNewSpec().withIngressClassName("nginx").addNewRule().withHost("shop.example.com").withNewHttp()
                .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService().withName("wordpress")
                .withNewPort().withNumber(80).endPort().endService().endBackend().endPath().endHttp().endRule()
                .endSpec().build());
        add(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("wordpress").withNamespace("shop").endMetadata()
                .withNewSpec().withNewScaleTargetRef("apps/v1", "Deployment", "wordpress").withMinReplicas(1)
                .withMaxReplicas(5).endSpec().build());
        add(new PodDisruptionBudgetBuilder().withNewMetadata().withName("wordpress").withNamespace("shop").endMetadata()
                .withNewSpec().withNewMinAvailable(1).withNewSelector().addToMatchLabels("app", "wordpress").endSelector()
                .endSpec().build());
        add(new NetworkPolicyBuilder().withNewMetadata().withName("wordpress-allow-http").withNamespace("shop").endMetadata()
                .withNewSpec().withNewPodSelector().addNewMatchExpression().withKey("app").withOperator("In")
                .withValues("wordpress", "blog").endMatchExpression().endPodSelector()
                .addNewIngress().addNewPort().withNewPort(80).endPort().endIngress().endSpec().build());
        add(new NetworkPolicyBuilder().withNewMetadata().withName("default-deny").withNamespace("shop").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress").endSpec().build());
    }

    private void mariadb() {
        add(new ConfigMapBuilder().withNewMetadata().withName("mariadb-config").withNamespace("shop").endMetadata()
                .addToData("my.cnf", "[mysqld]\nmax_connections=200\n").build());
        Map<String, String> labels = Map.of("app", "mariadb", "tier", "backend");
        PodSpec spec = new PodSpecBuilder()
                .addNewContainer().withName("mariadb").withImage("mariadb:11.4")
                .addNewEnv().withName("MARIADB_ROOT_PASSWORD").withNewValueFrom()
                .withNewSecretKeyRef("root-password", "mariadb-credentials", false).endValueFrom().endEnv()
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/mysql").endVolumeMount()
                .addNewVolumeMount().withName("config").withMountPath("/etc/mysql/conf.d").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("config").withNewProjected().addNewSource().withNewConfigMap()
                .withName("mariadb-config").endConfigMap().endSource().endProjected().endVolume()
                .build();
        StatefulSet sts = statefulSet("shop", "mariadb", labels, spec, 1, "standard");
        pods(sts, spec, labels, 1, "standard", "shop");
        add(new ServiceBuilder().withNewMetadata().withName("mariadb").withNamespace("shop").endMetadata()
                .withNewSpec().addToSelector("app", "mariadb").addNewPort().withPort(3306).endPort().endSpec().build());
        add(new NetworkPolicyBuilder().withNewMetadata().withName("mariadb-from-wordpress").withNamespace("shop").endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("app", "mariadb").endPodSelector()
                .addNewIngress().addNewFrom().withNewPodSelector().addToMatchLabels("app", "wordpress").endPodSelector()
                .endFrom().endIngress().endSpec().build());
    }

    private void exporter() {
        Map<String, String> labels = Map.of("app", "exporter");
        add(new ConfigMapBuilder().withNewMetadata().withName("exporter-config").withNamespace("shop").endMetadata()
                .addToData("config.yml", "interval: 30s\n").build());
        add(new SecretBuilder().withNewMetadata().withName("exporter-token").withNamespace("shop").endMetadata()
                .addToData("token", "dG9rZW4=").build());
        add(new ServiceAccountBuilder().withNewMetadata().withName("exporter").withNamespace("shop").endMetadata().build());
        add(new ClusterRoleBindingBuilder().withNewMetadata().withName("exporter-admin").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "unrelated-admin")
                .addNewSubject().withKind("ServiceAccount").withName("exporter").withNamespace("shop").endSubject().build());
        PodSpec spec = new PodSpecBuilder().withServiceAccountName("exporter")
                .addNewContainer().withName("exporter").withImage("prom/exporter:1.0")
                .addNewEnv().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef("token", "exporter-token", false)
                .endValueFrom().endEnv().endContainer()
                .addNewVolume().withName("config").withNewConfigMap().withName("exporter-config").endConfigMap().endVolume()
                .build();
        Deployment d = add(new DeploymentBuilder().withNewMetadata().withName("exporter").withNamespace("shop")
                .withLabels(labels).endMetadata().withNewSpec().withNewSelector().addToMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(spec).endTemplate()
                .endSpec().build());
        ReplicaSet rs = add(new ReplicaSetBuilder().withNewMetadata().withName("exporter-7f9c").withNamespace("shop")
                .withLabels(labels).withOwnerReferences(owner(d)).endMetadata().withNewSpec().withNewSelector()
                .addToMatchLabels(labels).endSelector().withNewTemplate().withNewMetadata().withLabels(labels)
                .endMetadata().withSpec(spec).endTemplate().endSpec().build());
        add(new PodBuilder().withNewMetadata().withName("exporter-7f9c-abcde").withNamespace("shop").withLabels(labels)
                .withOwnerReferences(owner(rs)).endMetadata().withSpec(spec).build());
        add(new ServiceBuilder().withNewMetadata().withName("exporter").withNamespace("shop").endMetadata()
                .withNewSpec().addToSelector("app", "exporter").addNewPort().withPort(9100).endPort().endSpec().build());
        add(new PodDisruptionBudgetBuilder().withNewMetadata().withName("exporter").withNamespace("shop").endMetadata()
                .withNewSpec().withNewMaxUnavailable(1).withNewSelector().addToMatchLabels(labels).endSelector()
                .endSpec().build());
    }

    private void cassandra() {
        Map<String, String> labels = Map.of("app", "cassandra");
        add(new ConfigMapBuilder().withNewMetadata().withName("cassandra-env").withNamespace("data").endMetadata()
                .addToData("MAX_HEAP_SIZE", "2G").addToData("CASSANDRA_CLUSTER_NAME", "shop").build());
        PodSpec spec = new PodSpecBuilder()
                .addNewContainer().withName("cassandra").withImage("cassandra:5.0")
                .addNewEnvFrom().withNewConfigMapRef("cassandra-env", false).endEnvFrom()
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/cassandra").endVolumeMount()
                .endContainer().build();
        StatefulSet sts = statefulSet("data", "cassandra", labels, spec, 3, "fast");
        pods(sts, spec, labels, 3, "fast", "data");
        add(new ServiceBuilder().withNewMetadata().withName("cassandra").withNamespace("data").endMetadata()
                .withNewSpec().withClusterIP("None").addToSelector("app", "cassandra").addNewPort().withPort(9042)
                .endPort().endSpec().build());
    }

    private void memcached() {
        add(new CustomResourceDefinitionBuilder().withNewMetadata().withName("memcacheds.cache.example.com").endMetadata()
                .withNewSpec().withGroup("cache.example.com").withScope("Namespaced")
                .withNewNames().withKind("Memcached").withPlural("memcacheds").withSingular("memcached").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).withNewSchema()
                .withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion()
                .addNewVersion().withName("v1alpha1").withServed(true).withStorage(false).withNewSchema()
                .withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion()
                .endSpec().build());
        GenericKubernetesResource cr = client.genericKubernetesResources("cache.example.com/v1", "Memcached")
                .inNamespace("cache").resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("cache.example.com/v1").withKind("Memcached")
                        .withNewMetadata().withName("sessions").withNamespace("cache").addToLabels("tier", "cache").endMetadata()
                        .addToAdditionalProperties("spec", Map.of("size", 1, "memory", "512Mi")).build())
                .create();
        Map<String, String> labels = Map.of("app", "sessions-memcached", "tier", "cache");
        PodSpec spec = new PodSpecBuilder().addNewContainer().withName("memcached").withImage("memcached:1.6")
                .endContainer().build();
        StatefulSet sts = add(new StatefulSetBuilder().withNewMetadata().withName("sessions").withNamespace("cache")
                .withLabels(labels).withOwnerReferences(owner(cr)).endMetadata().withNewSpec().withReplicas(1)
                .withServiceName("sessions").withNewSelector().addToMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(spec).endTemplate()
                .endSpec().build());
        add(new PodBuilder().withNewMetadata().withName("sessions-0").withNamespace("cache").withLabels(labels)
                .withOwnerReferences(owner(sts)).endMetadata().withSpec(spec).build());
    }

    private StatefulSet statefulSet(String ns, String name, Map<String, String> labels, PodSpec spec, int replicas,
                                    String storageClass) {
        return add(new StatefulSetBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(labels)
                .endMetadata().withNewSpec().withReplicas(replicas).withServiceName(name)
                .withNewSelector().addToMatchLabels("app", labels.get("app")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(spec).endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
                .withStorageClassName(storageClass).withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new Quantity("50Gi")).endResources().endSpec().endVolumeClaimTemplate()
                .endSpec().build());
    }

    /** Pods of a StatefulSet with their PVCs (data-NAME-i) bound to PVs (pv-NAME-i). */
    private void pods(StatefulSet sts, PodSpec spec, Map<String, String> labels, int replicas, String storageClass,
                      String ns) {
        String name = sts.getMetadata().getName();
        for (int i = 0; i < replicas; i++) {
            String claim = "data-" + name + "-" + i;
            String pv = "pv-" + name + "-" + i;
            add(new PersistentVolumeBuilder().withNewMetadata().withName(pv).endMetadata().withNewSpec()
                    .withStorageClassName(storageClass).addToCapacity("storage", new Quantity("50Gi"))
                    .withAccessModes("ReadWriteOnce").withNewCsi().withDriver("ebs.csi.aws.com")
                    .withVolumeHandle("vol-0" + name.hashCode() + i).endCsi()
                    .withNewClaimRef().withNamespace(ns).withName(claim).endClaimRef().endSpec().build());
            add(new PersistentVolumeClaimBuilder().withNewMetadata().withName(claim).withNamespace(ns)
                    .addToLabels("app", labels.get("app")).endMetadata()
                    .withNewSpec().withStorageClassName(storageClass).withVolumeName(pv).withAccessModes("ReadWriteOnce")
                    .withNewResources().addToRequests("storage", new Quantity("50Gi")).endResources().endSpec().build());
            add(new PodBuilder().withNewMetadata().withName(name + "-" + i).withNamespace(ns).withLabels(labels)
                    .addToLabels("statefulset.kubernetes.io/pod-name", name + "-" + i)
                    .withOwnerReferences(owner(sts)).endMetadata()
                    .withSpec(new PodSpecBuilder(spec).withHostname(name + "-" + i)
                            .addNewVolume().withName("data").withNewPersistentVolumeClaim(claim, false).endVolume().build())
                    .build());
        }
    }

    private static OwnerReference owner(HasMetadata o) {
        return new OwnerReferenceBuilder().withApiVersion(o.getApiVersion()).withKind(o.getKind())
                .withName(o.getMetadata().getName()).withUid(o.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(true).build();
    }
}
