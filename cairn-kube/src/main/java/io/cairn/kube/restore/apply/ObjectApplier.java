package io.cairn.kube.restore.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.restore.ExistingResourcePolicy;
import io.cairn.kube.restore.Outcome;
import io.cairn.kube.restore.ResourceType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.net.HttpURLConnection;

/**
 * Writes one sanitised object to the cluster through fabric8's generic resources, with a
 * {@link ResourceDefinitionContext} built from the backup path (group, plural, scope) and the object's
 * apiVersion and kind — no discovery. Existing objects: {@link ExistingResourcePolicy#NONE} skips them,
 * {@link ExistingResourcePolicy#UPDATE} sends a JSON merge patch of the backed-up object. A dry run only
 * reads (the mock API server would save {@code dryRun=All} requests).
 */
public final class ObjectApplier {
    private final KubernetesClient client;

    public ObjectApplier(KubernetesClient client) {
        this.client = client;
    }

    /**
     * @param namespace target namespace, null for cluster-scoped objects
     * @param onExisting what to do when the object exists; null means "skip, whatever the policy"
     */
    public ApplyResult apply(ObjectNode object, ResourceType type, String namespace,
                             ExistingResourcePolicy onExisting, boolean dryRun) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        String name = object.path("metadata").path("name").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
            return ApplyResult.failed("stored object has no apiVersion, kind or metadata.name", null);
        }
        Resource<GenericKubernetesResource> resource = resources(type, apiVersion, kind, namespace).withName(name);
        try {
            if (dryRun) {
                return resource.get() == null ? ApplyResult.of(Outcome.WOULD_CREATE) : existing(onExisting, true);
            }
            GenericKubernetesResource desired = client.getKubernetesSerialization()
                    .convertValue(object, GenericKubernetesResource.class);
            try {
                resources(type, apiVersion, kind, namespace).resource(desired).create();
                return ApplyResult.of(Outcome.CREATED);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
            ApplyResult decision = existing(onExisting, false);
            if (decision.outcome() == Outcome.UPDATED) {
                resource.patch(PatchContext.of(PatchType.JSON_MERGE), object.toString());
            }
            return decision;
        } catch (KubernetesClientException e) {
            return failure(e);
        }
    }

    private static ApplyResult existing(ExistingResourcePolicy onExisting, boolean dryRun) {
        if (onExisting == ExistingResourcePolicy.UPDATE) {
            return ApplyResult.of(dryRun ? Outcome.WOULD_UPDATE : Outcome.UPDATED);
        }
        return ApplyResult.skipped("already exists");
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> resources(
            ResourceType type, String apiVersion, String kind, String namespace) {
        int slash = apiVersion.indexOf('/');
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                .withVersion(apiVersion.substring(slash + 1))
                .withPlural(type.resource())
                .withKind(kind)
                .withNamespaced(namespace != null)
                .build();
        var all = client.genericKubernetesResources(context);
        return namespace == null ? all : all.inNamespace(namespace);
    }

    static ApplyResult failure(KubernetesClientException e) {
        if (e.getCode() <= 0) {
            return ApplyResult.failed("API server unreachable: " + rootMessage(e), null);
        }
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        return ApplyResult.failed("HTTP " + e.getCode() + ": " + message, e.getCode());
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
