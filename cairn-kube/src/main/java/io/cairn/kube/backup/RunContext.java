package io.cairn.kube.backup;

import io.cairn.kube.api.KubeApi;
import io.cairn.kube.discovery.ApiResourceType;
import io.cairn.kube.discovery.DiscoveredTypes;
import io.cairn.kube.selection.BackupRequest;
import io.cairn.kube.selection.LabelSelector;
import io.cairn.kube.selection.NamespaceFilter;
import io.cairn.kube.selection.ResourceFilter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** What every step of one backup run works with. */
record RunContext(KubernetesClient client, KubeApi api, BackupRequest request, DiscoveredTypes discovered,
                  List<ApiResourceType> types, List<LabelSelector> selectors, NamespaceFilter namespaces,
                  ResourceFilter resources, CollectionLister lister, CaptureSession session, ParallelTasks tasks) {

    /** A served type that passes the resource filter. */
    Optional<ApiResourceType> type(String group, String resource) {
        return types.stream().filter(t -> t.group().equals(group) && t.resource().equals(resource)).findFirst();
    }
}
