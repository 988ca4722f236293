package io.cairn.kube.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.cairn.kube.backup.BackupListener;
import io.cairn.kube.backup.BackupOptions;
import io.cairn.kube.backup.BackupResult;
import io.cairn.kube.backup.BackupRunner;
import io.cairn.kube.selection.BackupRequest;
import io.cairn.repository.BlobSaver;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Backs up N objects (ConfigMaps, Secrets, Services) in 100 namespaces from a generated API server and prints
 * objects per second and heap use, for several N (default 10,000, 20,000 and 40,000) so that growth with the
 * object count shows. Not a test: run it with bench/kube-capture.sh (which fixes -Xmx).
 * <p>
 * The API server stand-in runs in a child JVM ({@link MockApiServerMain}), so this JVM's heap holds Cairn
 * and its client only. The blobs go to a store that counts them and drops them. Heap figures per run, after a full GC
 * and a reset of the pools' peaks before it: <b>peak</b> is the largest heap occupancy seen (every collection's
 * before-GC usage; the sum of the pools' peak usage if no collection ran), <b>live</b> the largest heap left after any collection during
 * the run (what the capture keeps reachable; the figure to watch for growth), <b>retained</b> what is left after
 * a full GC once the run is over and its result dropped.
 * <p>
 * Arguments: [objects,objects,...] [namespaces] [runs] [parallelism]
 */
public final class CaptureBenchmark {
    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String s : (args.length > 0 ? args[0] : "10000,20000,40000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        int namespaces = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int parallelism = args.length > 3 ? Integer.parseInt(args[3]) : BackupOptions.DEFAULTS.parallelism();
        HeapWatch heap = new HeapWatch();
        System.out.printf("backup JVM: max heap %d MB, collectors %s, parallelism %d%n",
                Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                parallelism);
        List<String> table = new ArrayList<>();
        for (int objects : sizes) {
            Process server = startServer(objects, namespaces);
            try (KubernetesClient client = connect(awaitUrl(server))) {
                for (int run = 1; run <= runs; run++) {
                    System.gc();
                    long baseline = heap.used();
                    heap.reset();
                    CountingBlobSaver store = new CountingBlobSaver();
                    long start = System.nanoTime();
                    BackupResult result = new BackupRunner(client, BackupOptions.DEFAULTS.withParallelism(parallelism),
                            BackupListener.NONE).run(BackupRequest.builder("bench-" + run).build(), store);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long peak = heap.peak();
                    long live = heap.maxLiveAfterGc();
                    long gcs = heap.collections();
                    int captured = result.manifest().objectCount();
                    String phase = result.manifest().phase().toString();
                    int warnings = result.manifest().warnings().size();
                    result.manifest().errors().stream().limit(3).forEach(e -> System.out.println("error: " + e));
                    result = null;
                    System.gc();
                    long retained = heap.used() - baseline;
                    String line = String.format("%,7d objects  %,7.0f objects/s  peak %4.0f MB  live %5.1f MB"
                                    + "  (baseline %4.1f MB, retained +%.1f MB, %d GCs)",
                            captured, captured / seconds, peak / 1e6, live / 1e6, baseline / 1e6, retained / 1e6, gcs);
                    System.out.printf("run %d: %s; %,d blobs %.1f MB in %.2f s, phase %s, %d warnings%n", run, line,
                            store.blobs.get(), store.bytes.get() / 1e6, seconds, phase, warnings);
                    if (run == runs) {
                        table.add(line);
                    }
                }
            } finally {
                server.getOutputStream().close();
                server.waitFor();
            }
        }
        System.out.println("summary (last run of each size):");
        table.forEach(l -> System.out.println("  " + l));
    }

    private static Process startServer(int objects, int namespaces) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), MockApiServerMain.class.getName(),
                Integer.toString(objects), Integer.toString(namespaces))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String awaitUrl(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("URL ")) {
                return line.substring(4);
            }
        }
        throw new IllegalStateException("mock server exited with " + server.waitFor() + " before printing its URL");
    }

    private static KubernetesClient connect(String url) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withTrustCerts(true)
                .withNamespace("default").withHttp2Disable(true).build();
        return new KubernetesClientBuilder().withConfig(config).build();
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

    /** Heap peaks from the pools' peak usage and the collectors' notifications (no sampling). */
    private static final class HeapWatch {
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private final AtomicLong beforeGc = new AtomicLong();
        private final AtomicLong afterGc = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();

        HeapWatch() {
            NotificationListener listener = (n, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
                beforeGc.accumulateAndGet(heapOf(info.getMemoryUsageBeforeGc()), Math::max);
                afterGc.accumulateAndGet(heapOf(info.getMemoryUsageAfterGc()), Math::max);
                collections.incrementAndGet();
            };
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
            }
        }

        private long heapOf(Map<String, MemoryUsage> usage) {
            long sum = 0;
            for (MemoryPoolMXBean p : pools) {
                MemoryUsage u = usage.get(p.getName());
                sum += u == null ? 0 : u.getUsed();
            }
            return sum;
        }

        /** Notifications arrive asynchronously: give the last ones of a System.gc() time to land. */
        void reset() throws InterruptedException {
            Thread.sleep(100);
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            beforeGc.set(0);
            afterGc.set(0);
            collections.set(0);
        }

        long used() {
            return pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        }

        long peak() throws InterruptedException {
            Thread.sleep(100);
            if (collections.get() == 0) { // no collection to tell the moment of the peak: the pools' peaks, summed
                return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            }
            return Math.max(beforeGc.get(), used());
        }

        long maxLiveAfterGc() {
            return afterGc.get();
        }

        long collections() {
            return collections.get();
        }
    }
}
