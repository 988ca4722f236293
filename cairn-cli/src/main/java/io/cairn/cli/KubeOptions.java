package io.cairn.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which cluster to talk to: {@code --kubeconfig} / {@code --context}, else KUBECONFIG, ~/.kube/config, in-cluster. */
public final class KubeOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then the in-cluster service account).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context to use (default: the current context).")
    String context;

    /** The cluster's name, recorded as the hostname of backup snapshots: the kubeconfig cluster, else the API host. */
    public static String clusterName(KubernetesClient client) {
        Config config = client.getConfiguration();
        if (config.getCurrentContext() != null && config.getCurrentContext().getContext() != null
                && config.getCurrentContext().getContext().getCluster() != null) {
            return config.getCurrentContext().getContext().getCluster();
        }
        return java.net.URI.create(config.getMasterUrl()).getHost();
    }

    /** A client for the chosen cluster; the caller closes it. */
    public KubernetesClient client() {
        Config config;
        if (kubeconfig != null) {
            try {
                String content = Files.readString(kubeconfig, StandardCharsets.UTF_8);
                config = Config.fromKubeconfig(context, content, kubeconfig.toString());
            } catch (IOException e) {
                throw CliException.usage("cannot read kubeconfig " + kubeconfig + ": " + e.getMessage());
            } catch (RuntimeException e) {
                throw CliException.usage("kubeconfig " + kubeconfig + " is not usable: " + e.getMessage());
            }
        } else {
            config = Config.autoConfigure(context);
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw CliException.usage("no cluster configured: pass --kubeconfig FILE or set KUBECONFIG");
        }
        config.setRequestTimeout(30_000);
        config.setRequestRetryBackoffLimit(2);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
