package io.cairn.kube.volumes;

import io.cairn.kube.archive.BackupLayout;
import io.cairn.kube.backup.BackupCatalog;
import io.cairn.repository.Id;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.Repository;
import io.cairn.repository.restorer.TreeNavigator;
import io.cairn.repository.snapshot.Snapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The parent of a volume's next backup: its subtree in an earlier backup, so that unchanged files are not read. */
@FunctionalInterface
public interface ParentTrees {
    ParentTrees NONE = (namespace, pvc) -> null;

    /** The subtree to compare against, or null for a full read. */
    Id find(String namespace, String pvc) throws IOException;

    /**
     * The PVC's subtree in the newest Cairn backup of the repository that holds one (looking at most at the
     * {@code depth} newest backups). Results are cached: build one per backup run.
     */
    static ParentTrees latestIn(Repository repository, int depth) {
        return new ParentTrees() {
            private List<Snapshot> newestFirst;
            private final Map<String, Id> found = new HashMap<>();

            @Override
            public synchronized Id find(String namespace, String pvc) throws IOException {
                String key = namespace + "/" + pvc;
                if (found.containsKey(key)) {
                    return found.get(key);
                }
                if (newestFirst == null) {
                    List<Snapshot> all = new ArrayList<>(new BackupCatalog(repository).list());
                    Collections.reverse(all);
                    newestFirst = all.subList(0, Math.min(depth, all.size()));
                }
                TreeNavigator nav = new TreeNavigator(repository.blobs());
                Id result = null;
                for (Snapshot s : newestFirst) {
                    try {
                        result = nav.resolve(s.tree(), BackupLayout.VOLUMES + "/" + namespace + "/" + pvc).subtree();
                        break;
                    } catch (NotFoundException e) {
                        // not in this backup
                    }
                }
                found.put(key, result);
                return result;
            }
        };
    }
}
