package io.cairn.kube.restore;

import java.util.List;

/** Objects per outcome. */
public record RestoreCounts(int created, int updated, int skipped, int failed, int wouldCreate, int wouldUpdate) {
    public static RestoreCounts of(List<ObjectResult> results) {
        int[] n = new int[Outcome.values().length];
        results.forEach(r -> n[r.outcome().ordinal()]++);
        return new RestoreCounts(n[Outcome.CREATED.ordinal()], n[Outcome.UPDATED.ordinal()], n[Outcome.SKIPPED.ordinal()],
                n[Outcome.FAILED.ordinal()], n[Outcome.WOULD_CREATE.ordinal()], n[Outcome.WOULD_UPDATE.ordinal()]);
    }

    public int total() {
        return created + updated + skipped + failed + wouldCreate + wouldUpdate;
    }
}
