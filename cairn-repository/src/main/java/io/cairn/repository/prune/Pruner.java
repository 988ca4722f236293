package io.cairn.repository.prune;

import io.cairn.repository.BlobHandle;
import io.cairn.repository.BlobType;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.PackedBlob;
import io.cairn.repository.Repository;
import io.cairn.repository.RepositoryException;
import io.cairn.repository.UnpackedFiles;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.index.BlobEntry;
import io.cairn.repository.index.IndexFiles;
import io.cairn.repository.index.PackContents;
import io.cairn.repository.pack.PackBlobStore;
import io.cairn.repository.pack.PackHeader;
import io.cairn.repository.snapshot.Snapshot;
import io.cairn.repository.tree.Node;
import io.cairn.repository.tree.Tree;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes data no snapshot references, in restic's crash-safe order:
 * <ol>
 *   <li>copy the used blobs of partly used packs into new packs, and write an index for them;</li>
 *   <li>write a new index of every kept and new pack, superseding all old index files;</li>
 *   <li>delete the old index files;</li>
 *   <li>delete the packs no longer listed.</li>
 * </ol>
 * A crash after any step leaves a repository that checks clean (at worst with unindexed packs or duplicate
 * index entries, which the next prune removes). The caller holds an exclusive lock.
 */
public final class Pruner {
    private final Repository repo;
    private final Backend backend;
    private double maxUnusedPercent = 5.0;
    private PruneListener listener = PruneListener.NONE;

    public Pruner(Repository repo) {
        this.repo = repo;
        this.backend = repo.backend();
    }

    /** Repack partly used packs until at most this share of the used size is unused (restic's --max-unused). */
    public Pruner maxUnusedPercent(double percent) {
        this.maxUnusedPercent = percent;
        return this;
    }

    public Pruner listener(PruneListener l) {
        this.listener = l;
        return this;
    }

    /** Index as read: packs in first-seen order, and the index files read. */
    private record Index(Map<Id, List<BlobEntry>> packs, List<Id> files) {
    }

    private Index loadIndex() throws IOException {
        Map<Id, List<BlobEntry>> packs = new LinkedHashMap<>();
        List<Id> files = new ArrayList<>();
        for (FileInfo f : backend.list(FileType.INDEX)) {
            Id id;
            try {
                id = Id.parse(f.name());
            } catch (IllegalArgumentException e) {
                continue;
            }
            IndexFiles.read(backend, repo.masterKey(), id, pack -> packs.putIfAbsent(pack.packId(), pack.blobs()));
            files.add(id);
        }
        return new Index(packs, files);
    }

    /** Every blob reachable from the snapshots' trees; fails if a tree cannot be read. */
    private Set<BlobHandle> usedBlobs(Map<BlobHandle, PackedBlob> where, PackBlobStore loader) throws IOException {
        Set<BlobHandle> used = new HashSet<>();
        Deque<Id> queue = new ArrayDeque<>();
        for (Id snapshotId : repo.snapshots().ids()) {
            Snapshot s = repo.snapshots().load(snapshotId);
            queue.add(s.tree());
        }
        while (!queue.isEmpty()) {
            Id treeId = queue.poll();
            BlobHandle h = new BlobHandle(BlobType.TREE, treeId);
            if (!used.add(h)) {
                continue;
            }
            PackedBlob at = where.get(h);
            if (at == null) {
                throw new RepositoryException("tree " + treeId + " is referenced by a snapshot but missing from the "
                        + "index; prune refuses to run on a damaged repository (run `cairn repo check`)");
            }
            Tree tree = Tree.parse(loader.loadBlob(at));
            for (Node n : tree.nodes()) {
                if (n.content() != null) {
                    for (Id data : n.content()) {
                        BlobHandle d = new BlobHandle(BlobType.DATA, data);
                        if (used.add(d) && !where.containsKey(d)) {
                            throw new RepositoryException("data blob " + data + " of " + n.name()
                                    + " is missing from the index; prune refuses to run (run `cairn repo check`)");
                        }
                    }
                }
                if (n.subtree() != null) {
                    queue.add(n.subtree());
                }
            }
        }
        return used;
    }

    /** Works out what to delete and repack without changing anything. */
    public PrunePlan plan() throws IOException {
        return planWith(loadIndex(), null).plan;
    }

    private record Planned(PrunePlan plan, Map<Id, List<BlobEntry>> usedInPack) {
    }

    private Planned planWith(Index index, PackBlobStore loaderOrNull) throws IOException {
        listener.step("finding used blobs");
        Map<BlobHandle, PackedBlob> where = new HashMap<>();
        for (Map.Entry<Id, List<BlobEntry>> e : index.packs().entrySet()) {
            for (BlobEntry b : e.getValue()) {
                where.putIfAbsent(b.handle(), b.in(e.getKey()));
            }
        }
        PackBlobStore loader = loaderOrNull != null ? loaderOrNull
                : repo.newBlobStore();
        Set<BlobHandle> used;
        try {
            used = usedBlobs(where, loader);
        } finally {
            if (loaderOrNull == null) {
                loader.close();
            }
        }
        Map<String, Long> present = new HashMap<>();
        for (FileInfo f : backend.list(FileType.PACK)) {
            present.put(f.name(), f.size());
        }
        Set<BlobHandle> claimed = new HashSet<>();
        Map<Id, List<BlobEntry>> usedInPack = new HashMap<>();
        Map<Id, Long> unusedInPack = new HashMap<>();
        long usedBytes = 0;
        long unusedBytes = 0;
        Set<Id> remove = new LinkedHashSet<>();
        Set<Id> missing = new LinkedHashSet<>();
        List<Id> partly = new ArrayList<>();
        for (Map.Entry<Id, List<BlobEntry>> e : index.packs().entrySet()) {
            Id pack = e.getKey();
            List<BlobEntry> keep = new ArrayList<>();
            long unused = 0;
            for (BlobEntry b : e.getValue()) {
                if (used.contains(b.handle()) && where.get(b.handle()).packId().equals(pack) && claimed.add(b.handle())) {
                    keep.add(b);
                    usedBytes += b.length();
                } else {
                    unused += b.length();
                }
            }
            unusedBytes += unused;
            boolean exists = present.containsKey(pack.toString());
            if (!exists) {
                if (!keep.isEmpty()) {
                    throw new RepositoryException("pack " + pack + " holds " + keep.size() + " used blobs but is missing; "
                            + "prune refuses to run (run `cairn repo check`)");
                }
                missing.add(pack);
            } else if (keep.isEmpty()) {
                remove.add(pack);
            } else if (unused > 0) {
                partly.add(pack);
            }
            usedInPack.put(pack, keep);
            unusedInPack.put(pack, unused);
        }
        for (String name : present.keySet()) {
            try {
                Id id = Id.parse(name);
                if (!index.packs().containsKey(id)) {
                    remove.add(id); // not indexed: left by an interrupted backup
                }
            } catch (IllegalArgumentException e) {
                listener.warning("ignoring data/" + name + ": not a pack name");
            }
        }
        // Repack the most wasteful packs first until the unused share is under the limit.
        partly.sort(Comparator.comparing((Id p) -> unusedInPack.get(p)).reversed());
        long unusedAfter = partly.stream().mapToLong(unusedInPack::get).sum();
        long limit = (long) (usedBytes * maxUnusedPercent / 100.0);
        Set<Id> repack = new LinkedHashSet<>();
        for (Id p : partly) {
            if (unusedAfter <= limit) {
                break;
            }
            repack.add(p);
            unusedAfter -= unusedInPack.get(p);
        }
        Set<Id> keepPacks = new LinkedHashSet<>();
        for (Id p : index.packs().keySet()) {
            if (!remove.contains(p) && !repack.contains(p) && !missing.contains(p)) {
                keepPacks.add(p);
            }
        }
        long removeBytes = 0;
        for (Id p : remove) {
            removeBytes += present.getOrDefault(p.toString(), 0L);
        }
        for (Id p : repack) {
            removeBytes += present.getOrDefault(p.toString(), 0L);
        }
        PrunePlan plan = new PrunePlan(remove, repack, keepPacks, missing, index.files(), used.size(), usedBytes,
                unusedBytes, unusedAfter, removeBytes);
        return new Planned(plan, usedInPack);
    }

    /** Plans and carries out the prune; returns the plan it followed. */
    public PrunePlan prune() throws IOException {
        // Under prune's exclusive lock no one else writes: a temporary file now is a crashed writer's.
        int leftovers = backend.removeLeftovers();
        if (leftovers > 0) {
            listener.warning("removed " + leftovers + " half-written file(s) that an interrupted backup left");
        }
        listener.step("loading index");
        Index index = loadIndex();
        Planned planned = planWith(index, null);
        PrunePlan plan = planned.plan();
        if (plan.isNoop() && index.files().size() <= 1) {
            return plan;
        }
        boolean compress = repo.config().compression();
        List<PackContents> newPacks = new ArrayList<>();
        if (!plan.repackPacks().isEmpty()) {
            listener.step("repacking");
            newPacks = repack(planned, plan.repackPacks(), compress);
        }
        listener.step("rewriting index");
        Set<Id> superseded = new LinkedHashSet<>(index.files());
        for (FileInfo f : backend.list(FileType.INDEX)) {
            superseded.add(Id.parse(f.name())); // includes the index the repack wrote
        }
        List<PackContents> all = new ArrayList<>();
        for (Id p : plan.keepPacks()) {
            all.add(new PackContents(p, index.packs().get(p)));
        }
        all.addAll(newPacks);
        List<Id> written = writeIndex(all, List.copyOf(superseded), compress);
        superseded.removeAll(written);
        for (Id old : superseded) {
            backend.remove(Handle.of(FileType.INDEX, old));
        }
        listener.step("deleting packs");
        for (Id p : plan.removePacks()) {
            backend.remove(Handle.of(FileType.PACK, p));
        }
        for (Id p : plan.repackPacks()) {
            backend.remove(Handle.of(FileType.PACK, p));
        }
        return plan;
    }

    /** Copies the used blobs of the given packs into new packs; returns the new packs' contents. */
    private List<PackContents> repack(Planned planned, Set<Id> packs, boolean compress) throws IOException {
        Set<String> before = new HashSet<>();
        for (FileInfo f : backend.list(FileType.INDEX)) {
            before.add(f.name());
        }
        try (PackBlobStore target = repo.newBlobStore()) {
            for (Id p : packs) {
                for (BlobEntry b : planned.usedInPack().get(p)) {
                    byte[] plain = target.loadBlob(b.in(p));
                    target.saveBlob(b.type(), b.id(), plain, plain.length);
                }
            }
            target.flush();
        }
        List<PackContents> out = new ArrayList<>();
        for (FileInfo f : backend.list(FileType.INDEX)) {
            if (!before.contains(f.name())) {
                IndexFiles.read(backend, repo.masterKey(), Id.parse(f.name()), out::add);
            }
        }
        for (PackContents pc : out) {
            long size = backend.size(Handle.of(FileType.PACK, pc.packId()));
            if (size != PackHeader.packSize(pc.blobs())) {
                throw new CorruptDataException("repacked pack " + pc.packId() + " has the wrong size; nothing deleted");
            }
        }
        return out;
    }

    private List<Id> writeIndex(List<PackContents> packs, List<Id> supersedes, boolean compress) throws IOException {
        int max = compress ? IndexFiles.MAX_BLOBS_COMPRESSED : IndexFiles.MAX_BLOBS;
        List<Id> written = new ArrayList<>();
        List<PackContents> chunk = new ArrayList<>();
        int blobs = 0;
        for (PackContents p : packs) {
            chunk.add(p);
            blobs += p.blobs().size();
            if (blobs >= max) {
                written.add(UnpackedFiles.save(backend, repo.masterKey(), FileType.INDEX,
                        IndexFiles.encode(supersedes, chunk), compress));
                chunk.clear();
                blobs = 0;
            }
        }
        if (!chunk.isEmpty() || written.isEmpty()) {
            written.add(UnpackedFiles.save(backend, repo.masterKey(), FileType.INDEX,
                    IndexFiles.encode(supersedes, chunk), compress));
        }
        return written;
    }
}
