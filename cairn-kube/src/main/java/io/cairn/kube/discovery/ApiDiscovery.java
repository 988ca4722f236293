package io.cairn.kube.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.kube.api.ApiException;
import io.cairn.kube.api.KubeApi;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds every listable resource type the API server serves: the core group's v1 and the preferred version of
 * every other group ({@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/<group>/<version>}).
 * Subresources ("pods/log") and types without "list" are skipped. A group whose discovery fails is reported
 * as a warning and left out; failing to reach {@code /api} or {@code /apis} at all is an error.
 */
public final class ApiDiscovery {
    private final KubeApi api;

    public ApiDiscovery(KubeApi api) {
        this.api = api;
    }

    public DiscoveredTypes discover() throws ApiException {
        List<ApiResourceType> types = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        JsonNode core = api.getJson("/api");
        for (JsonNode v : core.path("versions")) {
            if ("v1".equals(v.asText())) {
                addGroupVersion("", "v1", "/api/v1", types, warnings);
            }
        }
        JsonNode groups = api.getJson("/apis");
        for (JsonNode group : groups.path("groups")) {
            String name = group.path("name").asText();
            String version = group.path("preferredVersion").path("version").asText(null);
            if (version == null) {
                JsonNode first = group.path("versions").path(0);
                version = first.path("version").asText(null);
            }
            if (name.isEmpty() || version == null) {
                continue;
            }
            addGroupVersion(name, version, "/apis/" + name + "/" + version, types, warnings);
        }
        return new DiscoveredTypes(types, warnings);
    }

    private void addGroupVersion(String group, String version, String path, List<ApiResourceType> out,
                                 List<String> warnings) {
        JsonNode list;
        try {
            list = api.getJson(path);
        } catch (ApiException e) {
            warnings.add("discovery of " + (group.isEmpty() ? "core" : group) + "/" + version + " failed: "
                    + e.getMessage());
            return;
        }
        for (JsonNode r : list.path("resources")) {
            String resource = r.path("name").asText();
            if (resource.isEmpty() || resource.contains("/")) {
                continue;
            }
            List<String> verbs = new ArrayList<>();
            r.path("verbs").forEach(v -> verbs.add(v.asText()));
            if (!verbs.contains("list")) {
                continue;
            }
            String g = r.hasNonNull("group") && !r.get("group").asText().isEmpty() ? r.get("group").asText() : group;
            String v = r.hasNonNull("version") && !r.get("version").asText().isEmpty() ? r.get("version").asText() : version;
            out.add(new ApiResourceType(g, v, r.path("kind").asText(), resource, r.path("namespaced").asBoolean(),
                    verbs));
        }
    }
}
