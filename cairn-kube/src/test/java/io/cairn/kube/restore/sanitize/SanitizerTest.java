package io.cairn.kube.restore.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.restore.ResourceType;
import io.cairn.kube.restore.RestoreRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SanitizerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RestoreRequest PLAIN = RestoreRequest.builder("r1", "b1").build();

    private static ObjectNode sanitize(ResourceType type, String json, RestoreRequest request, String... restoredPvs) throws Exception {
        ObjectNode node = (ObjectNode) MAPPER.readTree(json.replace('\'', '"'));
        Sanitizer.standard().sanitize(node, type, new SanitizeContext(request, Set.of(restoredPvs)));
        return node;
    }

    @Test
    void dropsServerAssignedMetadataAndStatusAndAddsRestoreLabels() throws Exception {
        ObjectNode cm = sanitize(ResourceType.CONFIG_MAPS, """
                {'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','namespace':'shop','uid':'u1',
                 'resourceVersion':'7','generation':2,'creationTimestamp':'2026-01-01T00:00:00Z',
                 'deletionTimestamp':'2026-01-02T00:00:00Z','deletionGracePeriodSeconds':30,'selfLink':'/x',
                 'managedFields':[{}],'ownerReferences':[{'kind':'X'}],'labels':{'app':'wp'},'annotations':{'a':'b'}},
                 'data':{'k':'v'},'status':{'x':1}}""", PLAIN);
        assertThat(cm.get("metadata").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("name", "namespace", "labels", "annotations");
        assertThat(cm.has("status")).isFalse();
        assertThat(cm.get("metadata").get("labels").toString())
                .isEqualTo("{\"app\":\"wp\",\"cairn.io/backup\":\"b1\",\"cairn.io/restore\":\"r1\"}");
        assertThat(cm.get("data").toString()).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void restoreStatusKeepsStatus() throws Exception {
        ObjectNode o = sanitize(ResourceType.CONFIG_MAPS, "{'metadata':{'name':'c'},'status':{'x':1}}",
                RestoreRequest.builder("r1", "b1").restoreStatus(true).build());
        assertThat(o.get("status").toString()).isEqualTo("{\"x\":1}");
    }

    @Test
    void servicesLoseClusterIpsAndAssignedNodePortsButHeadlessAndExplicitPortsStay() throws Exception {
        String lastApplied = "{\\'spec\\':{\\'ports\\':[{\\'port\\':443,\\'nodePort\\':30443}]}}".replace("\\'", "\\\"");
        ObjectNode svc = sanitize(ResourceType.SERVICES, """
                {'metadata':{'name':'wp','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'%s'}},
                 'spec':{'type':'NodePort','clusterIP':'10.0.0.12','clusterIPs':['10.0.0.12'],
                 'ports':[{'port':80,'nodePort':30080},{'port':443,'nodePort':30443}]}}""".formatted(lastApplied), PLAIN);
        assertThat(svc.get("spec").toString())
                .isEqualTo("{\"type\":\"NodePort\",\"ports\":[{\"port\":80},{\"port\":443,\"nodePort\":30443}]}");

        ObjectNode headless = sanitize(ResourceType.SERVICES,
                "{'metadata':{'name':'db'},'spec':{'clusterIP':'None','clusterIPs':['None']}}", PLAIN);
        assertThat(headless.get("spec").toString()).isEqualTo("{\"clusterIP\":\"None\",\"clusterIPs\":[\"None\"]}");

        ObjectNode preserved = sanitize(ResourceType.SERVICES,
                "{'metadata':{'name':'wp'},'spec':{'clusterIP':'10.0.0.1','ports':[{'port':80,'nodePort':30080}]}}",
                RestoreRequest.builder("r1", "b1").preserveNodePorts(true).build());
        assertThat(preserved.get("spec").toString()).isEqualTo("{\"ports\":[{\"port\":80,\"nodePort\":30080}]}");
    }

    @Test
    void podsLoseNodeName() throws Exception {
        ObjectNode pod = sanitize(ResourceType.PODS, "{'metadata':{'name':'p'},'spec':{'nodeName':'n1','containers':[]}}", PLAIN);
        assertThat(pod.get("spec").toString()).isEqualTo("{\"containers\":[]}");
    }

    @Test
    void claimWhosePvIsNotRestoredIsReboundDynamically() throws Exception {
        String pvc = """
                {'metadata':{'name':'data','namespace':'shop','annotations':{'pv.kubernetes.io/bind-completed':'yes',
                 'pv.kubernetes.io/bound-by-controller':'yes','volume.beta.kubernetes.io/storage-provisioner':'csi',
                 'volume.kubernetes.io/storage-provisioner':'csi','keep':'me'}},
                 'spec':{'volumeName':'pv-1','storageClassName':'fast'}}""";
        ObjectNode dynamic = sanitize(ResourceType.PERSISTENT_VOLUME_CLAIMS, pvc,
                RestoreRequest.builder("r1", "b1").storageClassMapping("fast:standard").build());
        assertThat(dynamic.get("metadata").get("annotations").toString()).isEqualTo("{\"keep\":\"me\"}");
        assertThat(dynamic.get("spec").toString()).isEqualTo("{\"storageClassName\":\"standard\"}");

        ObjectNode staticBound = sanitize(ResourceType.PERSISTENT_VOLUME_CLAIMS, pvc, PLAIN, "pv-1");
        assertThat(staticBound.get("spec").get("volumeName").asText()).isEqualTo("pv-1");
        assertThat(staticBound.get("metadata").get("annotations").fieldNames()).toIterable().containsExactlyInAnyOrder(
                "volume.beta.kubernetes.io/storage-provisioner", "volume.kubernetes.io/storage-provisioner", "keep");
    }

    @Test
    void persistentVolumeClaimRefIsResetAndMapped() throws Exception {
        ObjectNode pv = sanitize(ResourceType.PERSISTENT_VOLUMES, """
                {'metadata':{'name':'pv-1','annotations':{'pv.kubernetes.io/bound-by-controller':'yes'}},
                 'spec':{'storageClassName':'fast','claimRef':{'kind':'PersistentVolumeClaim','namespace':'shop',
                 'name':'data','uid':'u','resourceVersion':'3'}}}""",
                RestoreRequest.builder("r1", "b1").namespaceMapping("shop:shop2").storageClassMapping("fast:slow").build());
        assertThat(pv.get("spec").toString()).isEqualTo(
                "{\"storageClassName\":\"slow\",\"claimRef\":{\"kind\":\"PersistentVolumeClaim\",\"namespace\":\"shop2\",\"name\":\"data\"}}");
        assertThat(pv.get("metadata").get("annotations").isEmpty()).isTrue();
    }

    @Test
    void jobsLoseControllerUidLabelsAndGeneratedSelector() throws Exception {
        ObjectNode job = sanitize(ResourceType.JOBS, """
                {'metadata':{'name':'j','labels':{'controller-uid':'u','batch.kubernetes.io/controller-uid':'u','job-name':'j'}},
                 'spec':{'selector':{'matchLabels':{'batch.kubernetes.io/controller-uid':'u'}},
                 'template':{'metadata':{'labels':{'controller-uid':'u','batch.kubernetes.io/controller-uid':'u','job-name':'j'}}}}}""",
                PLAIN);
        assertThat(job.get("spec").toString()).isEqualTo("{\"template\":{\"metadata\":{\"labels\":{\"job-name\":\"j\"}}}}");
        assertThat(job.get("metadata").get("labels").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("job-name", "cairn.io/backup", "cairn.io/restore");
    }

    @Test
    void namespaceMappingRewritesNamespaceReferences() throws Exception {
        RestoreRequest mapped = RestoreRequest.builder("r1", "b1").namespaceMapping("shop:shop-restored").build();
        ObjectNode rb = sanitize(ResourceType.ROLE_BINDINGS, """
                {'metadata':{'name':'rb','namespace':'shop'},'roleRef':{'kind':'Role','name':'r'},
                 'subjects':[{'kind':'ServiceAccount','name':'wp','namespace':'shop'},
                             {'kind':'ServiceAccount','name':'mon','namespace':'monitoring'},{'kind':'User','name':'bob'}]}""",
                mapped);
        assertThat(rb.get("metadata").get("namespace").asText()).isEqualTo("shop-restored");
        assertThat(rb.get("subjects").toString()).isEqualTo("[{\"kind\":\"ServiceAccount\",\"name\":\"wp\",\"namespace\":\"shop-restored\"},"
                + "{\"kind\":\"ServiceAccount\",\"name\":\"mon\",\"namespace\":\"monitoring\"},{\"kind\":\"User\",\"name\":\"bob\"}]");
        ObjectNode ns = sanitize(ResourceType.NAMESPACES, "{'metadata':{'name':'shop'}}", mapped);
        assertThat(ns.get("metadata").get("name").asText()).isEqualTo("shop-restored");
        ObjectNode sc = sanitize(ResourceType.STORAGE_CLASSES, "{'metadata':{'name':'fast'},'provisioner':'x'}",
                RestoreRequest.builder("r1", "b1").storageClassMapping("fast:slow").build());
        assertThat(sc.get("metadata").get("name").asText()).isEqualTo("slow");
    }
}
