package io.cairn.kube.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.archive.ObjectArchiveReader;
import io.cairn.kube.archive.ResourceDirectory;
import io.cairn.kube.archive.StoredObject;
import io.cairn.kube.restore.apply.ApplyResult;
import io.cairn.kube.restore.apply.CrdEstablishedWaiter;
import io.cairn.kube.restore.apply.ObjectApplier;
import io.cairn.kube.restore.plan.BackupFacts;
import io.cairn.kube.restore.plan.RestorePriority;
import io.cairn.kube.restore.plan.Selection;
import io.cairn.kube.restore.plan.SkipRules;
import io.cairn.kube.restore.sanitize.RestoreLabelsSanitizer;
import io.cairn.kube.restore.sanitize.SanitizeContext;
import io.cairn.kube.restore.sanitize.Sanitizer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One restore: the state that travels through its steps (select, skip, sanitise, apply, record). */
final class RestoreRun {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectArchiveReader reader;
    private final RestoreRequest request;
    private final RestoreOptions options;
    private final RestoreListener listener;
    private final ObjectApplier applier;
    private final CrdEstablishedWaiter crdWaiter;
    private final Sanitizer sanitizer = Sanitizer.standard();
    private final Selection selection;

    private final List<ObjectResult> results = new ArrayList<>();
    private final Set<String> readyNamespaces = new HashSet<>();
    /** CRD name → index of its result, for the CRDs to wait for. */
    private final Map<String, Integer> restoredCrds = new HashMap<>();
    private Set<String> notEstablished = Set.of();
    private BackupFacts facts;
    private SanitizeContext sanitizeContext;

    // volume data: PVCs created by this restore are filled right after the PVCs, before what uses them
    private VolumeRestorer volumes = VolumeRestorer.NONE;
    private io.cairn.repository.Id backupTree;
    private final List<VolumeRestorer.RestoredClaim> createdClaims = new ArrayList<>();
    private List<VolumeRestoreResult> volumeResults;

    RestoreRun(KubernetesClient client, ObjectArchiveReader reader, RestoreRequest request, RestoreOptions options,
               RestoreListener listener) {
        this.reader = reader;
        this.request = request;
        this.options = options;
        this.listener = listener;
        this.applier = new ObjectApplier(client);
        this.crdWaiter = new CrdEstablishedWaiter(client, options.crdPollInterval());
        this.selection = new Selection(request.filter());
    }

    RestoreRun withVolumes(VolumeRestorer restorer, io.cairn.repository.Id tree) {
        this.volumes = restorer;
        this.backupTree = tree;
        return this;
    }

    RestoreReport run() throws IOException, InterruptedException {
        Instant start = options.clock().instant();
        List<ResourceDirectory> all = reader.resourceDirectories();
        List<ResourceDirectory> dirs = all.stream().filter(d -> selection.includesType(type(d))).toList();
        facts = BackupFacts.scan(reader, dirs, selection, request);
        sanitizeContext = new SanitizeContext(request, facts.restoredPersistentVolumes());
        List<ResourceDirectory> ordered = dirs.stream().sorted(Comparator
                .comparingInt((ResourceDirectory d) -> rank(d))
                .thenComparing(d -> type(d).toString())
                .thenComparing(d -> d.namespace() == null ? "" : d.namespace())).toList();
        boolean waited = false;
        for (ResourceDirectory dir : ordered) {
            if (!waited && rank(dir) > 0) {
                awaitCrds();
                waited = true;
            }
            if (volumeResults == null && rank(dir) > RestorePriority.ORDER.indexOf(ResourceType.PERSISTENT_VOLUME_CLAIMS)) {
                fillVolumes();
            }
            reader.forEachObject(dir, this::restoreObject);
        }
        if (!waited) {
            awaitCrds();
        }
        if (volumeResults == null) {
            fillVolumes();
        }
        return RestoreReport.of(request, start, options.clock().instant(), RequestWarnings.check(request, all), results,
                volumeResults);
    }

    private void restoreObject(StoredObject stored) {
        ResourceType type = new ResourceType(stored.group(), stored.resource());
        String targetNamespace = request.targetNamespace(stored.namespace());
        ObjectNode object;
        try {
            object = (ObjectNode) MAPPER.readTree(stored.json());
        } catch (IOException | ClassCastException e) {
            record(new ObjectResult(targetNamespace, stored.group(), stored.resource(), null, stored.name(),
                    Outcome.FAILED, "stored object is not a JSON object", null));
            return;
        }
        if (!selection.includes(type, stored.namespace(), object)) {
            return;
        }
        String kind = object.path("kind").asText(null);
        Optional<String> skip = SkipRules.skipReason(type, stored.namespace(), object, facts.servicesWithSelector());
        if (skip.isPresent()) {
            record(new ObjectResult(targetNamespace, type.group(), type.resource(), kind, stored.name(),
                    Outcome.SKIPPED, skip.get(), null));
            return;
        }
        if (notEstablished.contains(type.toString())) {
            record(new ObjectResult(targetNamespace, type.group(), type.resource(), kind, stored.name(),
                    Outcome.FAILED, "its CustomResourceDefinition " + type + " is not established", null));
            return;
        }
        if (targetNamespace != null) {
            ensureNamespace(targetNamespace);
        }
        sanitizer.sanitize(object, type, sanitizeContext);
        String name = object.path("metadata").path("name").asText(stored.name());
        ApplyResult applied = applier.apply(object, type, targetNamespace, request.existingResourcePolicy(), request.dryRun());
        record(new ObjectResult(targetNamespace, type.group(), type.resource(), kind, name, applied.outcome(),
                applied.reason(), applied.httpCode()));
        if (applied.outcome() != Outcome.FAILED) {
            if (type.equals(ResourceType.PERSISTENT_VOLUME_CLAIMS) && applied.outcome() == Outcome.CREATED) {
                createdClaims.add(new VolumeRestorer.RestoredClaim(stored.namespace(), targetNamespace, name));
            }
            if (type.equals(ResourceType.NAMESPACES)) {
                readyNamespaces.add(name);
            } else if (type.equals(ResourceType.CUSTOM_RESOURCE_DEFINITIONS)) {
                restoredCrds.put(name, results.size() - 1);
            }
        }
    }

    /** Volume data into the PVCs this restore created (none in a dry run). */
    private void fillVolumes() throws IOException, InterruptedException {
        volumeResults = request.dryRun() || createdClaims.isEmpty() ? List.of()
                : volumes.fill(request.name(), backupTree, List.copyOf(createdClaims));
    }

    /** Creates a target namespace that the backup holds no Namespace object for (e.g. a mapped one). */
    private void ensureNamespace(String namespace) {
        if (!readyNamespaces.add(namespace)) {
            return;
        }
        ObjectNode ns = MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
        ObjectNode metadata = ns.putObject("metadata").put("name", namespace);
        metadata.putObject("labels").put(RestoreLabelsSanitizer.BACKUP_LABEL, request.backup())
                .put(RestoreLabelsSanitizer.RESTORE_LABEL, request.name());
        ApplyResult applied = applier.apply(ns, ResourceType.NAMESPACES, null, null, request.dryRun());
        if (applied.outcome() != Outcome.SKIPPED) {
            record(new ObjectResult(null, "", ResourceType.NAMESPACES.resource(), "Namespace", namespace,
                    applied.outcome(), applied.reason() == null ? "holds restored objects" : applied.reason(),
                    applied.httpCode()));
        }
    }

    private void awaitCrds() throws InterruptedException {
        if (request.dryRun() || restoredCrds.isEmpty()) {
            return;
        }
        listener.waitingForCrds(restoredCrds.keySet(), options.crdEstablishedTimeout());
        notEstablished = crdWaiter.await(restoredCrds.keySet(), options.crdEstablishedTimeout());
        for (String crd : notEstablished) {
            int i = restoredCrds.get(crd);
            ObjectResult r = results.get(i);
            results.set(i, new ObjectResult(r.namespace(), r.group(), r.resource(), r.kind(), r.name(), r.outcome(),
                    "not established within " + options.crdEstablishedTimeout(), r.httpCode()));
        }
    }

    private void record(ObjectResult result) {
        results.add(result);
        listener.objectDone(result);
    }

    private int rank(ResourceDirectory dir) {
        return RestorePriority.rank(type(dir), facts.customTypes());
    }

    private static ResourceType type(ResourceDirectory dir) {
        return new ResourceType(dir.group(), dir.resource());
    }
}
