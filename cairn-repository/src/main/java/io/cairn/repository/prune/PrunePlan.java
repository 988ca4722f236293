package io.cairn.repository.prune;

import io.cairn.repository.Id;
import java.util.List;
import java.util.Set;

/**
 * What a prune will do (or did), computed before anything is changed.
 *
 * @param removePacks      packs with no used blob, plus packs no index lists
 * @param repackPacks      partly used packs whose used blobs are copied into new packs
 * @param keepPacks        packs kept as they are
 * @param missingPacks     packs the index lists that do not exist (and hold no used blob)
 * @param oldIndexFiles    index files the new index supersedes
 * @param usedBlobs        distinct blobs reachable from snapshots
 * @param usedBytes        bytes of used blobs (sealed)
 * @param unusedBytes      bytes of unused blobs (sealed) before pruning
 * @param unusedAfterBytes unused bytes left in kept packs after pruning
 * @param removeBytes      bytes freed by deleting packs (whole pack files)
 */
public record PrunePlan(Set<Id> removePacks, Set<Id> repackPacks, Set<Id> keepPacks, Set<Id> missingPacks,
                        List<Id> oldIndexFiles, long usedBlobs, long usedBytes, long unusedBytes, long unusedAfterBytes,
                        long removeBytes) {

    public boolean isNoop() {
        return removePacks.isEmpty() && repackPacks.isEmpty() && missingPacks.isEmpty();
    }

    /** One line for users. */
    public String summary() {
        return String.format("%d used blobs (%s); %s unused; will delete %d packs (%s), repack %d, keep %d; "
                        + "%s unused remains",
                usedBlobs, bytes(usedBytes), bytes(unusedBytes), removePacks.size(), bytes(removeBytes),
                repackPacks.size(), keepPacks.size(), bytes(unusedAfterBytes));
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
