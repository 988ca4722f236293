package io.cairn.repository.check;

import io.cairn.repository.BlobIndex;
import io.cairn.repository.BlobLoader;
import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.check.Problem.Kind;
import io.cairn.repository.check.Problem.Severity;
import io.cairn.repository.crypto.CryptoKey;
import io.cairn.repository.index.BlobEntry;
import io.cairn.repository.index.IndexFiles;
import io.cairn.repository.pack.PackHeader;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.Tree;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks a repository's index and packs (and, separately, snapshot trees) and reports every problem it finds
 * instead of stopping at the first. Only failures to list the backend abort a check.
 */
public final class Checker {
    private final Backend backend;
    private final CryptoKey key;
    private CheckListener listener = CheckListener.NONE;
    private int threads = Math.min(4, Runtime.getRuntime().availableProcessors());

    public Checker(Backend backend, CryptoKey key) {
        this.backend = backend;
        this.key = key;
    }

    public Checker listener(CheckListener listener) {
        this.listener = listener;
        return this;
    }

    public Checker threads(int threads) {
        this.threads = Math.max(1, threads);
        return this;
    }

    /**
     * Index files are readable and agree; every indexed pack exists with the size its blobs and header imply;
     * packs no index lists are warnings. With {@code readData}, also reads every indexed pack: its SHA-256
     * equals its name, its header decrypts and matches the index, and every blob's MAC and hash verify.
     */
    public CheckResult check(boolean readData) throws IOException {
        return check(readData ? ReadDataSubset.ALL : ReadDataSubset.NONE);
    }

    /** Like {@link #check(boolean)}, reading only the indexed packs the subset selects. */
    public CheckResult check(ReadDataSubset subset) throws IOException {
        Report report = new Report(listener);
        List<FileInfo> indexFiles = backend.list(FileType.INDEX);
        Map<Id, List<BlobEntry>> packs = new TreeMap<>();
        for (FileInfo f : indexFiles) {
            readIndexFile(f.name(), packs, report);
        }
        long blobs = packs.values().stream().mapToLong(List::size).sum();

        Map<String, Long> present = new HashMap<>();
        for (FileInfo f : backend.list(FileType.PACK)) {
            present.put(f.name(), f.size());
        }
        Map<Id, Long> toRead = new TreeMap<>();
        for (Map.Entry<Id, List<BlobEntry>> e : packs.entrySet()) {
            Long size = present.get(e.getKey().toString());
            long expected = PackHeader.packSize(e.getValue());
            if (size == null) {
                report.error(Kind.PACK_MISSING, "pack " + e.getKey() + " is listed in the index but does not exist ("
                        + e.getValue().size() + " blobs lost)");
                continue;
            }
            if (size != expected) {
                report.error(Kind.PACK_SIZE_MISMATCH, "pack " + e.getKey() + " has " + size
                        + " bytes but the index implies " + expected);
            }
            toRead.put(e.getKey(), size);
        }
        for (String name : new java.util.TreeSet<>(present.keySet())) {
            if (!isIndexed(name, packs)) {
                report.warning(Kind.PACK_NOT_INDEXED, "pack " + name + " is not listed in any index");
            }
        }
        toRead.keySet().removeIf(id -> !subset.selects(id));
        long[] read = toRead.isEmpty() ? new long[2] : readPacks(toRead, packs, report);
        return new CheckResult(indexFiles.size(), packs.size(), blobs, read[0], read[1], 0, 0, report.problems());
    }

    private static boolean isIndexed(String name, Map<Id, List<BlobEntry>> packs) {
        try {
            return packs.containsKey(Id.parse(name));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void readIndexFile(String name, Map<Id, List<BlobEntry>> packs, Report report) {
        try {
            IndexFiles.read(backend, key, Id.parse(name), pack -> {
                List<BlobEntry> known = packs.putIfAbsent(pack.packId(), pack.blobs());
                if (known != null && !new HashSet<>(known).equals(new HashSet<>(pack.blobs()))) {
                    report.error(Kind.INDEX_CONFLICT, "index/" + name + " lists pack " + pack.packId()
                            + " with other blobs than another index file");
                }
            });
        } catch (IOException | IllegalArgumentException e) {
            report.error(Kind.INDEX_UNREADABLE, "index/" + name + " cannot be read: " + e.getMessage());
        }
    }

    private long[] readPacks(Map<Id, Long> ids, Map<Id, List<BlobEntry>> packs, Report report) throws IOException {
        AtomicLong packsRead = new AtomicLong();
        AtomicLong blobsRead = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cairn-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            ThreadLocal<PackVerifier> verifiers = ThreadLocal.withInitial(() -> new PackVerifier(backend, key, report));
            for (Map.Entry<Id, Long> pack : ids.entrySet()) {
                futures.add(pool.submit(() -> {
                    Id id = pack.getKey();
                    blobsRead.addAndGet(verifiers.get().verify(id, pack.getValue(), packs.get(id)));
                    listener.packRead(packsRead.incrementAndGet(), ids.size());
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    report.error(Kind.PACK_UNREADABLE, "checking a pack failed unexpectedly: " + e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading packs");
        } finally {
            pool.shutdownNow();
        }
        return new long[] {packsRead.get(), blobsRead.get()};
    }

    /**
     * Walks the trees under the given roots (e.g. the snapshots' trees) and reports trees that are missing from
     * the index or unreadable, and data blobs referenced but missing from the index. Each tree is read once.
     */
    public CheckResult checkTrees(Collection<Id> roots, BlobIndex index, BlobLoader loader) {
        Report report = new Report(listener);
        Set<Id> seen = new HashSet<>();
        Set<Id> missingData = new HashSet<>();
        Deque<TreeRef> queue = new ArrayDeque<>();
        for (Id root : roots) {
            queue.add(new TreeRef(root, "/"));
        }
        long trees = 0;
        long dataRefs = 0;
        while (!queue.isEmpty()) {
            TreeRef item = queue.poll();
            Id id = item.id();
            String path = item.path();
            if (!seen.add(id)) {
                continue;
            }
            if (!index.has(BlobType.TREE, id)) {
                report.error(Kind.TREE_MISSING, "tree " + id + " (" + path + ") is not in the index");
                continue;
            }
            Tree tree;
            try {
                tree = Tree.parse(loader.loadBlob(BlobType.TREE, id));
            } catch (IOException e) {
                report.error(Kind.TREE_CORRUPT, "tree " + id + " (" + path + "): " + e.getMessage());
                continue;
            }
            trees++;
            for (Node node : tree.nodes()) {
                String child = path.endsWith("/") ? path + node.name() : path + "/" + node.name();
                if (node.content() != null) {
                    for (Id data : node.content()) {
                        dataRefs++;
                        if (!index.has(BlobType.DATA, data) && missingData.add(data)) {
                            report.error(Kind.DATA_MISSING, "data blob " + data + " of " + child
                                    + " is not in the index");
                        }
                    }
                }
                if (node.isDirectory()) {
                    if (node.subtree() == null) {
                        report.error(Kind.TREE_CORRUPT, "directory " + child + " in tree " + id + " has no subtree");
                    } else {
                        queue.add(new TreeRef(node.subtree(), child));
                    }
                }
            }
        }
        return new CheckResult(0, 0, 0, 0, 0, trees, dataRefs, report.problems());
    }

    private record TreeRef(Id id, String path) {
    }

    /** Collects problems from several threads and forwards each to the listener. */
    static final class Report {
        private final CheckListener listener;
        private final List<Problem> problems = new ArrayList<>();

        Report(CheckListener listener) {
            this.listener = listener;
        }

        void error(Kind kind, String message) {
            add(new Problem(Severity.ERROR, kind, message));
        }

        void warning(Kind kind, String message) {
            add(new Problem(Severity.WARNING, kind, message));
        }

        private void add(Problem p) {
            synchronized (problems) {
                problems.add(p);
            }
            listener.problem(p);
        }

        List<Problem> problems() {
            synchronized (problems) {
                return new ArrayList<>(problems);
            }
        }
    }
}
