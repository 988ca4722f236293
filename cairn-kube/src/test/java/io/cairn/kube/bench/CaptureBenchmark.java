package io.cairn.kube.bench;

import io.cairn.kube.backup.BackupListener;
import io.cairn.kube.backup.BackupOptions;
import io.cairn.kube.backup.BackupResult;
import io.cairn.kube.backup.BackupRunner;
import io.cairn.kube.selection.BackupRequest;
import io.cairn.kube.testing.DiscoveryFixture;
import io.cairn.repository.BlobSaver;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Backs up N objects (ConfigMaps, Secrets, Services; default 10,000) in 100 namespaces from the fabric8 mock
 * API server and prints objects per second and heap use. Not a test: run it with bench/kube-capture.sh.
 * The blobs go to a store that verifies and counts them, then drops them, so the heap figures show the
 * capture path itself (the mock server's own copy of the cluster lives in the same heap and is the baseline).
 * <p>
 * Arguments: [objects] [namespaces] [runs] [parallelism]
 */
public final class CaptureBenchmark {
    /** Kept referenced so the level sticks: the mock web server logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int namespaces = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int parallelism = args.length > 3 ? Integer.parseInt(args[3]) : BackupOptions.DEFAULTS.parallelism();
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            DiscoveryFixture.stub(server);
            long t0 = System.nanoTime();
            fill(client, objects, namespaces);
            System.out.printf("filled mock server: %,d objects in %d namespaces in %.1f s%n", objects, namespaces,
                    (System.nanoTime() - t0) / 1e9);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            for (int run = 1; run <= runs; run++) {
                System.gc();
                long baseline = memory.getHeapMemoryUsage().getUsed();
                HeapSampler sampler = new HeapSampler(memory);
                sampler.start();
                CountingBlobSaver store = new CountingBlobSaver();
                long start = System.nanoTime();
                BackupResult result = new BackupRunner(client, BackupOptions.DEFAULTS.withParallelism(parallelism),
                        BackupListener.NONE).run(BackupRequest.builder("bench-" + run).build(), store);
                double seconds = (System.nanoTime() - start) / 1e9;
                sampler.interrupt();
                sampler.join();
                System.gc();
                long retained = memory.getHeapMemoryUsage().getUsed() - baseline;
                int captured = result.manifest().objectCount();
                System.out.printf("run %d: %,d objects (%,d blobs, %.1f MB) in %.2f s = %,.0f objects/s; heap: baseline %.0f MB"
                                + " (mock server's cluster), peak %.0f MB (+%.0f MB), retained after run +%.1f MB;"
                                + " phase %s, %d warnings%n",
                        run, captured, store.blobs.get(), store.bytes.get() / 1e6, seconds, captured / seconds,
                        baseline / 1e6, sampler.peak / 1e6, (sampler.peak - baseline) / 1e6, retained / 1e6,
                        result.manifest().phase(), result.manifest().warnings().size());
            }
        } finally {
            server.destroy();
        }
    }

    private static void fill(KubernetesClient client, int objects, int namespaces) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int n = 0; n < namespaces; n++) {
            String ns = "team-" + n;
            client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        for (int i = 0; i < objects; i++) {
            String ns = "team-" + (i % namespaces);
            HasMetadata o = switch (i % 10) {
                case 0, 1, 2, 3 -> new ConfigMapBuilder().withNewMetadata().withName("config-" + i).withNamespace(ns)
                        .addToLabels("app", "app-" + (i % 37)).endMetadata()
                        .addToData("application.properties", "server.port=8080\nfeature." + i + "=true\n").build();
                case 4, 5, 6 -> new SecretBuilder().withNewMetadata().withName("secret-" + i).withNamespace(ns)
                        .addToLabels("app", "app-" + (i % 37)).endMetadata()
                        .addToData("password", java.util.Base64.getEncoder().encodeToString(("p" + i).getBytes())).build();
                default -> new ServiceBuilder().withNewMetadata().withName("svc-" + i).withNamespace(ns)
                        .addToLabels("app", "app-" + (i % 37)).endMetadata().withNewSpec()
                        .addToSelector("app", "app-" + (i % 37)).addNewPort().withPort(8080).endPort().endSpec().build();
            };
            futures.add(pool.submit(() -> client.resource(o).create()));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    /** Counts each blob (the writer has hashed it already) and drops it. */
    private static final class CountingBlobSaver implements BlobSaver {
        final AtomicLong blobs = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        @Override
        public boolean saveBlob(BlobType type, Id id, byte[] plaintext, int length) {
            blobs.incrementAndGet();
            bytes.addAndGet(length);
            return true;
        }
    }

    /** Samples used heap every 5 ms and keeps the peak. */
    private static final class HeapSampler extends Thread {
        private final MemoryMXBean memory;
        volatile long peak;

        HeapSampler(MemoryMXBean memory) {
            this.memory = memory;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
