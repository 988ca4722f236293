package io.cairn.kube.rules;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules phase of a backup: reads the captured pods (one list per namespace), matches the rules and the pods'
 * hook annotations to them, and runs the {@link QuiesceEngine} around the snapshot step.
 * <pre>
 * RulesRunner rules = RulesRunner.forCluster(client, RulesParser.parse(Path.of("rules.yaml")), null);
 * RulesReport report = rules.run("nightly", capturedPods, () -> snapshotter.snapshot(...));
 * rules.release("nightly");   // after a crash: run the recorded post actions
 * </pre>
 */
public final class RulesRunner {
    private final KubernetesClient client;
    private final List<Rule> rules;
    private final QuiesceEngine engine;

    public RulesRunner(KubernetesClient client, List<Rule> rules, PodCommandExecutor executor,
                       QuiesceRecordStore records, Clock clock) {
        this.client = client;
        this.rules = List.copyOf(rules);
        this.engine = new QuiesceEngine(executor, records, clock);
    }

    /**
     * Exec through the Kubernetes API, records as ConfigMaps.
     *
     * @param recordNamespace where quiesce records live; null: the first quiesced pod's namespace
     */
    public static RulesRunner forCluster(KubernetesClient client, List<Rule> rules, String recordNamespace) {
        return new RulesRunner(client, rules, new Fabric8PodCommandExecutor(client),
                new ConfigMapQuiesceRecordStore(client, recordNamespace), Clock.systemUTC());
    }

    /** Quiesces the matching pods among {@code captured}, runs {@code step}, releases them. */
    public RulesReport run(String backup, Collection<PodRef> captured, FreezeStep step)
            throws IOException, InterruptedException {
        return engine.run(backup, RuleResolver.resolve(rules, pods(captured)), step);
    }

    /** {@code cairn backup release NAME}: see {@link QuiesceEngine#release}. */
    public RulesReport release(String backup) throws IOException, InterruptedException {
        return engine.release(backup);
    }

    private List<PodInfo> pods(Collection<PodRef> captured) throws IOException {
        Set<String> namespaces = new TreeSet<>();
        captured.forEach(p -> namespaces.add(p.namespace()));
        List<PodInfo> pods = new ArrayList<>();
        for (String ns : namespaces) {
            try {
                for (Pod pod : client.pods().inNamespace(ns).list().getItems()) {
                    PodInfo info = PodInfo.of(pod);
                    if (captured.contains(info.ref())) {
                        pods.add(info);
                    }
                }
            } catch (KubernetesClientException e) {
                throw new IOException("cannot list the pods of namespace " + ns + " for the rules: " + e.getMessage(), e);
            }
        }
        return pods;
    }
}
