package io.cairn.kube.restore.testing;

/**
 * A realistic backup of namespace {@code shop} as the API returned it: WordPress + MariaDB Deployments with
 * their ReplicaSets and Pods, a Redis StatefulSet, Services (one NodePort, one headless) and their
 * Endpoints, PVCs (one bound to a PV in the backup, one whose PV is not), Secrets incl. a service-account
 * token, ConfigMaps incl. kube-root-ca.crt, RBAC, a CronJob and its Job, an Event, an Ingress and a CRD with
 * a custom resource. Single quotes stand for double quotes.
 */
public final class ShopBackup {
    private ShopBackup() {
    }

    public static BackupTreeBuilder builder() {
        BackupTreeBuilder b = new BackupTreeBuilder().manifest("{\"name\":\"nightly\"}");
        add(b, null, "apiextensions.k8s.io", "customresourcedefinitions", "widgets.example.com", """
                {'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition',
                 'metadata':{'name':'widgets.example.com','uid':'c1','resourceVersion':'11','generation':1,
                   'creationTimestamp':'2026-11-01T10:00:00Z'},
                 'spec':{'group':'example.com','scope':'Namespaced',
                   'names':{'plural':'widgets','singular':'widget','kind':'Widget','listKind':'WidgetList'},
                   'versions':[{'name':'v1','served':true,'storage':true,
                     'schema':{'openAPIV3Schema':{'type':'object','x-kubernetes-preserve-unknown-fields':true}}}]},
                 'status':{'conditions':[{'type':'Established','status':'True'}],'acceptedNames':{'kind':'Widget','plural':'widgets'}}}""");
        add(b, null, "", "namespaces", "shop", """
                {'apiVersion':'v1','kind':'Namespace','metadata':{'name':'shop','uid':'n1','resourceVersion':'5',
                 'labels':{'kubernetes.io/metadata.name':'shop','team':'web'}},'spec':{'finalizers':['kubernetes']},
                 'status':{'phase':'Active'}}""");
        add(b, null, "storage.k8s.io", "storageclasses", "fast", """
                {'apiVersion':'storage.k8s.io/v1','kind':'StorageClass','metadata':{'name':'fast','uid':'s1'},
                 'provisioner':'ebs.csi.aws.com','reclaimPolicy':'Delete','volumeBindingMode':'WaitForFirstConsumer'}""");
        add(b, null, "", "persistentvolumes", "pv-mariadb", """
                {'apiVersion':'v1','kind':'PersistentVolume','metadata':{'name':'pv-mariadb','uid':'p1','resourceVersion':'80',
                 'annotations':{'pv.kubernetes.io/provisioned-by':'ebs.csi.aws.com','pv.kubernetes.io/bound-by-controller':'yes'},
                 'finalizers':['kubernetes.io/pv-protection']},
                 'spec':{'capacity':{'storage':'10Gi'},'accessModes':['ReadWriteOnce'],'persistentVolumeReclaimPolicy':'Retain',
                   'storageClassName':'fast','csi':{'driver':'ebs.csi.aws.com','volumeHandle':'vol-0abc'},
                   'claimRef':{'apiVersion':'v1','kind':'PersistentVolumeClaim','namespace':'shop','name':'data-mariadb',
                     'uid':'q1','resourceVersion':'77'}},
                 'status':{'phase':'Bound'}}""");
        add(b, "shop", "", "persistentvolumeclaims", "data-mariadb", pvc("data-mariadb", "q1", "pv-mariadb", "app':'mariadb"));
        add(b, "shop", "", "persistentvolumeclaims", "wp-content", pvc("wp-content", "q2", "pvc-7f3e", "app':'wordpress"));
        add(b, "shop", "", "serviceaccounts", "default", """
                {'apiVersion':'v1','kind':'ServiceAccount','metadata':{'name':'default','namespace':'shop','uid':'a0'}}""");
        add(b, "shop", "", "serviceaccounts", "wordpress", """
                {'apiVersion':'v1','kind':'ServiceAccount','metadata':{'name':'wordpress','namespace':'shop','uid':'a1',
                 'labels':{'app':'wordpress'}},'secrets':[{'name':'wordpress-token-x7k2p'}]}""");
        add(b, "shop", "", "secrets", "mariadb-pass", """
                {'apiVersion':'v1','kind':'Secret','metadata':{'name':'mariadb-pass','namespace':'shop','uid':'x1',
                 'labels':{'app':'mariadb'}},'type':'Opaque','data':{'password':'c2VjcmV0'}}""");
        add(b, "shop", "", "secrets", "wordpress-token-x7k2p", """
                {'apiVersion':'v1','kind':'Secret','metadata':{'name':'wordpress-token-x7k2p','namespace':'shop','uid':'x2',
                 'annotations':{'kubernetes.io/service-account.name':'wordpress'}},
                 'type':'kubernetes.io/service-account-token','data':{'token':'dG9r'}}""");
        add(b, "shop", "", "configmaps", "kube-root-ca.crt", """
                {'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'kube-root-ca.crt','namespace':'shop','uid':'m0'},
                 'data':{'ca.crt':'-----BEGIN CERTIFICATE-----'}}""");
        add(b, "shop", "", "configmaps", "wp-config", """
                {'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'wp-config','namespace':'shop','uid':'m1',
                 'resourceVersion':'90','labels':{'app':'wordpress'},'managedFields':[{'manager':'kubectl'}]},
                 'data':{'WORDPRESS_DB_HOST':'mariadb'}}""");
        add(b, "shop", "rbac.authorization.k8s.io", "roles", "wp-reader", """
                {'apiVersion':'rbac.authorization.k8s.io/v1','kind':'Role','metadata':{'name':'wp-reader','namespace':'shop','uid':'r1'},
                 'rules':[{'apiGroups':[''],'resources':['configmaps'],'verbs':['get','list']}]}""");
        add(b, "shop", "rbac.authorization.k8s.io", "rolebindings", "wp-reader", """
                {'apiVersion':'rbac.authorization.k8s.io/v1','kind':'RoleBinding','metadata':{'name':'wp-reader','namespace':'shop','uid':'r2'},
                 'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'Role','name':'wp-reader'},
                 'subjects':[{'kind':'ServiceAccount','name':'wordpress','namespace':'shop'}]}""");
        add(b, "shop", "", "services", "wordpress", """
                {'apiVersion':'v1','kind':'Service','metadata':{'name':'wordpress','namespace':'shop','uid':'v1',
                 'labels':{'app':'wordpress'}},
                 'spec':{'type':'NodePort','selector':{'app':'wordpress'},'clusterIP':'10.96.10.12','clusterIPs':['10.96.10.12'],
                   'ports':[{'name':'http','port':80,'targetPort':80,'protocol':'TCP','nodePort':30080}]},
                 'status':{'loadBalancer':{}}}""");
        add(b, "shop", "", "services", "mariadb", """
                {'apiVersion':'v1','kind':'Service','metadata':{'name':'mariadb','namespace':'shop','uid':'v2','labels':{'app':'mariadb'}},
                 'spec':{'selector':{'app':'mariadb'},'clusterIP':'None','clusterIPs':['None'],'ports':[{'port':3306}]}}""");
        add(b, "shop", "", "endpoints", "wordpress", """
                {'apiVersion':'v1','kind':'Endpoints','metadata':{'name':'wordpress','namespace':'shop','uid':'e1'},
                 'subsets':[{'addresses':[{'ip':'10.244.1.7'}],'ports':[{'port':80}]}]}""");
        add(b, "shop", "apps", "deployments", "wordpress", deployment("wordpress", "wordpress:6.4"));
        add(b, "shop", "apps", "deployments", "mariadb", deployment("mariadb", "mariadb:11"));
        add(b, "shop", "apps", "replicasets", "wordpress-6c9f8d7b5", owned("apps/v1", "ReplicaSet", "wordpress-6c9f8d7b5", "Deployment", "wordpress", "wordpress"));
        add(b, "shop", "apps", "replicasets", "mariadb-7d4b9c8f6", owned("apps/v1", "ReplicaSet", "mariadb-7d4b9c8f6", "Deployment", "mariadb", "mariadb"));
        add(b, "shop", "", "pods", "wordpress-6c9f8d7b5-abcde", owned("v1", "Pod", "wordpress-6c9f8d7b5-abcde", "ReplicaSet", "wordpress-6c9f8d7b5", "wordpress"));
        add(b, "shop", "", "pods", "mariadb-7d4b9c8f6-fghij", owned("v1", "Pod", "mariadb-7d4b9c8f6-fghij", "ReplicaSet", "mariadb-7d4b9c8f6", "mariadb"));
        add(b, "shop", "", "pods", "redis-0", owned("v1", "Pod", "redis-0", "StatefulSet", "redis", "redis"));
        add(b, "shop", "", "pods", "debug", """
                {'apiVersion':'v1','kind':'Pod','metadata':{'name':'debug','namespace':'shop','uid':'d1'},
                 'spec':{'nodeName':'node-1','containers':[{'name':'sh','image':'busybox'}]},'status':{'phase':'Running'}}""");
        add(b, "shop", "apps", "statefulsets", "redis", """
                {'apiVersion':'apps/v1','kind':'StatefulSet','metadata':{'name':'redis','namespace':'shop','uid':'t1','generation':3,
                 'labels':{'app':'redis'}},
                 'spec':{'serviceName':'redis','replicas':1,'selector':{'matchLabels':{'app':'redis'}},
                   'template':{'metadata':{'labels':{'app':'redis'}},'spec':{'containers':[{'name':'redis','image':'redis:7'}]}},
                   'volumeClaimTemplates':[{'metadata':{'name':'data'},'spec':{'accessModes':['ReadWriteOnce'],
                     'resources':{'requests':{'storage':'1Gi'}}}}]},
                 'status':{'replicas':1,'readyReplicas':1}}""");
        add(b, "shop", "batch", "cronjobs", "db-dump", """
                {'apiVersion':'batch/v1','kind':'CronJob','metadata':{'name':'db-dump','namespace':'shop','uid':'k1'},
                 'spec':{'schedule':'0 3 * * *','jobTemplate':{'spec':{'template':{'spec':{'restartPolicy':'OnFailure',
                   'containers':[{'name':'dump','image':'mariadb:11'}]}}}}}}""");
        add(b, "shop", "batch", "jobs", "db-dump-29000000", owned("batch/v1", "Job", "db-dump-29000000", "CronJob", "db-dump", "db-dump"));
        add(b, "shop", "", "events", "wordpress.17a3c", """
                {'apiVersion':'v1','kind':'Event','metadata':{'name':'wordpress.17a3c','namespace':'shop'},'reason':'Scheduled'}""");
        add(b, "shop", "networking.k8s.io", "ingresses", "wordpress", """
                {'apiVersion':'networking.k8s.io/v1','kind':'Ingress','metadata':{'name':'wordpress','namespace':'shop','uid':'i1',
                 'labels':{'app':'wordpress'}},
                 'spec':{'rules':[{'host':'shop.example.com','http':{'paths':[{'path':'/','pathType':'Prefix',
                   'backend':{'service':{'name':'wordpress','port':{'number':80}}}}]}}]}}""");
        add(b, "shop", "example.com", "widgets", "gizmo", """
                {'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'gizmo','namespace':'shop','uid':'w1'},
                 'spec':{'size':3},'status':{'ready':true}}""");
        return b;
    }

    private static void add(BackupTreeBuilder b, String ns, String group, String resource, String name, String json) {
        b.object(ns, group, resource, name, json.replace('\'', '"'));
    }

    private static String pvc(String name, String uid, String volume, String appLabel) {
        return """
                {'apiVersion':'v1','kind':'PersistentVolumeClaim','metadata':{'name':'%s','namespace':'shop','uid':'%s',
                 'labels':{'%s'},
                 'annotations':{'pv.kubernetes.io/bind-completed':'yes','pv.kubernetes.io/bound-by-controller':'yes',
                   'volume.beta.kubernetes.io/storage-provisioner':'ebs.csi.aws.com',
                   'volume.kubernetes.io/storage-provisioner':'ebs.csi.aws.com'},
                 'finalizers':['kubernetes.io/pvc-protection']},
                 'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'10Gi'}},
                   'storageClassName':'fast','volumeMode':'Filesystem','volumeName':'%s'},
                 'status':{'phase':'Bound','capacity':{'storage':'10Gi'}}}""".formatted(name, uid, appLabel, volume);
    }

    private static String deployment(String app, String image) {
        return """
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'%1$s','namespace':'shop','uid':'dep-%1$s',
                 'generation':4,'labels':{'app':'%1$s'},'annotations':{'deployment.kubernetes.io/revision':'2'}},
                 'spec':{'replicas':1,'selector':{'matchLabels':{'app':'%1$s'}},
                   'template':{'metadata':{'labels':{'app':'%1$s'}},'spec':{'serviceAccountName':'wordpress',
                     'containers':[{'name':'%1$s','image':'%2$s'}]}}},
                 'status':{'replicas':1,'availableReplicas':1}}""".formatted(app, image);
    }

    private static String owned(String apiVersion, String kind, String name, String ownerKind, String owner, String app) {
        return """
                {'apiVersion':'%s','kind':'%s','metadata':{'name':'%s','namespace':'shop','uid':'o-%3$s','labels':{'app':'%s'},
                 'ownerReferences':[{'apiVersion':'apps/v1','kind':'%s','name':'%s','uid':'u-%6$s','controller':true}]},
                 'spec':{}}""".formatted(apiVersion, kind, name, app, ownerKind, owner);
    }
}
