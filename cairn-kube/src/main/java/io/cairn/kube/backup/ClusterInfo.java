package io.cairn.kube.backup;

/** The cluster a backup came from: API server URL and version ("v1.31.2"), as far as they could be read. */
public record ClusterInfo(String server, String serverVersion, String platform) {
}
