package io.cairn.cli;

import io.cairn.kube.backup.VolumeRecord;
import io.cairn.kube.restore.VolumeRestoreResult;
import java.util.Locale;

/** One line per volume for backup and restore output (create and describe alike). */
public final class VolumeLines {
    private VolumeLines() {
    }

    public static String of(VolumeRecord v) {
        String head = "volume " + v.namespace() + "/" + v.pvc() + ": " + v.method();
        if (v.error() != null) {
            return head + ", failed: " + v.error();
        }
        if (v.tree() == null) {
            return head;
        }
        return head + String.format(Locale.ROOT, ", %d files, %s (%s new) in %.1f s%s", v.files(), Sizes.format(v.bytes()),
                Sizes.format(v.newBytes()), v.durationMillis() / 1000.0,
                v.snapshot() == null ? "" : ", from snapshot " + v.snapshot()
                        + (v.groupSnapshot() == null ? "" : " of group snapshot " + v.groupSnapshot()));
    }

    public static String of(VolumeRestoreResult v) {
        return "volume " + v.namespace() + "/" + v.pvc() + ": " + (v.error() != null ? "failed: " + v.error()
                : String.format(Locale.ROOT, "%d files, %s restored in %.1f s", v.files(), Sizes.format(v.bytes()),
                        v.durationMillis() / 1000.0));
    }
}
