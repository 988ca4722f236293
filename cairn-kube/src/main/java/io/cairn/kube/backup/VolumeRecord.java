package io.cairn.kube.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One volume of a backup as backup.json records it.
 *
 * @param method         snapshot+move, fs or skip
 * @param snapshot       the CSI VolumeSnapshot taken (deleted once moved), or null
 * @param snapshotTime   when the snapshot was cut (fs: when the mover started, inside the freeze window)
 * @param tree           the subtree linked under /volumes/&lt;namespace&gt;/&lt;pvc&gt;/, or null when nothing was saved
 * @param parentTree     the earlier subtree the mover compared against, or null
 * @param newBytes       bytes the repository did not have before
 * @param durationMillis from the start of the move until its result
 * @param error          why the volume's data is not in the backup, or null
 * @param groupSnapshot  the VolumeGroupSnapshot the snapshot was a member of (deleted with it), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumeRecord(String namespace, String pvc, String method, String snapshot, OffsetDateTime snapshotTime,
                           String tree, String parentTree, long files, long bytes, long newBytes, long durationMillis,
                           List<String> warnings, String error, String groupSnapshot) {
    public VolumeRecord {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public boolean failed() {
        return error != null;
    }
}
