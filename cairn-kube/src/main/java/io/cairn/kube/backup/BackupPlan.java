package io.cairn.kube.backup;

import io.cairn.kube.selection.BackupRequest;
import java.util.List;

/** What a dry run found: the objects a backup would capture, each with why, and the problems on the way. */
public record BackupPlan(BackupRequest request, List<ManifestItem> objects, List<ItemProblem> warnings,
                         List<ItemProblem> errors) {

    public BackupPlan {
        objects = List.copyOf(objects);
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }
}
