package io.cairn.kube.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.kube.discovery.ApiResourceType;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Cluster-scoped objects that captured objects refer to (for include-cluster-resources=auto): PVs bound to
 * PVCs, StorageClasses of PVCs and PVs, ClusterRoles named by RoleBindings, the service accounts whose
 * ClusterRoleBindings count, the custom resource types whose CRDs count. Only names are kept. Thread-safe.
 */
final class ClusterReferences {
    private final Map<String, String> persistentVolumes = new LinkedHashMap<>();
    private final Map<String, String> storageClasses = new LinkedHashMap<>();
    private final Map<String, String> clusterRoles = new LinkedHashMap<>();
    private final Set<String> serviceAccounts = new LinkedHashSet<>();
    private final Set<ApiResourceType> groupedTypes = new LinkedHashSet<>();

    synchronized void collect(ApiResourceType type, JsonNode o) {
        String ns = o.path("metadata").path("namespace").asText("");
        String name = o.path("metadata").path("name").asText("");
        if (!type.group().isEmpty()) {
            groupedTypes.add(type);
        }
        switch (type.qualifiedResource()) {
            case "persistentvolumeclaims" -> {
                String claim = "pvc " + ns + "/" + name;
                putIfText(persistentVolumes, o.path("spec").path("volumeName"), "bound to " + claim);
                putIfText(storageClasses, o.path("spec").path("storageClassName"), "storage class of " + claim);
            }
            case "persistentvolumes" ->
                    putIfText(storageClasses, o.path("spec").path("storageClassName"), "storage class of pv " + name);
            case "rolebindings.rbac.authorization.k8s.io" -> {
                JsonNode ref = o.path("roleRef");
                if ("ClusterRole".equals(ref.path("kind").asText())) {
                    putIfText(clusterRoles, ref.path("name"), "referenced by rolebinding " + ns + "/" + name);
                }
            }
            case "clusterrolebindings.rbac.authorization.k8s.io" ->
                    putIfText(clusterRoles, o.path("roleRef").path("name"), "referenced by clusterrolebinding " + name);
            case "serviceaccounts" -> serviceAccounts.add(ns + "/" + name);
            default -> {
            }
        }
    }

    /** The first service account among a binding's subjects that was captured, as "ns/name", or null. */
    synchronized String capturedServiceAccount(JsonNode binding) {
        for (JsonNode s : binding.path("subjects")) {
            String key = s.path("namespace").asText("") + "/" + s.path("name").asText("");
            if ("ServiceAccount".equals(s.path("kind").asText()) && serviceAccounts.contains(key)) {
                return key;
            }
        }
        return null;
    }

    synchronized Map<String, String> persistentVolumes() {
        return Map.copyOf(persistentVolumes);
    }

    synchronized Map<String, String> storageClasses() {
        return Map.copyOf(storageClasses);
    }

    synchronized Map<String, String> clusterRoles() {
        return Map.copyOf(clusterRoles);
    }

    synchronized Set<ApiResourceType> groupedTypes() {
        return Set.copyOf(groupedTypes);
    }

    private static void putIfText(Map<String, String> into, JsonNode value, String reason) {
        String v = value.asText("");
        if (!v.isEmpty()) {
            into.putIfAbsent(v, reason);
        }
    }
}
