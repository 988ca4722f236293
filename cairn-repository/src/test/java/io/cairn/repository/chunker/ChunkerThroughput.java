package io.cairn.repository.chunker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures single-threaded chunker throughput (by wall clock and by the thread's CPU time, which is the fairer
 * figure on a busy machine) on 256 MiB of random data held in memory (no I/O, no hashing).
 * Not a test; run it by hand:
 * {@code java -cp cairn-repository/target/classes:cairn-repository/target/test-classes
 * io.cairn.repository.chunker.ChunkerThroughput [MiB] [rounds]}
 */
public final class ChunkerThroughput {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ChunkerThroughput() {
    }

    public static void main(String[] args) throws IOException {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[] data = ChunkerTestData.random(1, mib * 1024 * 1024);
        Chunker chunker = new Chunker(PolynomialTest.RESTIC_TEST_POL);
        byte[] buffer = new byte[Chunker.MAX_SIZE];
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            chunker.reset(new ByteArrayInputStream(data));
            int chunks = 0;
            while (chunker.next(buffer) >= 0) {
                chunks++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("round %d: %d MiB in %d chunks, %.3f s: %.0f MB/s wall clock, %.0f MB/s of CPU time%n",
                round, mib, chunks, seconds, data.length / seconds / 1e6, data.length / cpuSeconds / 1e6);
        }
    }
}
