package io.cairn.kube.backup;

import io.cairn.kube.archive.BackupLayout;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.Repository;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.snapshot.Snapshot;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The Cairn backups in a repository: snapshots tagged {@code cairn} and {@code backup=<name>}. Other snapshots
 * (e.g. {@code cairn repo backup} of a directory) are not backups and are ignored here.
 */
public final class BackupCatalog {
    private final Repository repository;

    public BackupCatalog(Repository repository) {
        this.repository = repository;
    }

    /** Every backup, oldest first. */
    public List<Snapshot> list() throws IOException {
        return repository.listSnapshots().stream().filter(s -> s.hasTag(BackupLayout.TAG) && nameOf(s).isPresent()).toList();
    }

    /** The newest snapshot of the named backup; {@link NotFoundException} when there is none. */
    public Snapshot find(String name) throws IOException {
        return find(name, BackupLayout.backupTag(name), "backup");
    }

    /** The newest snapshot carrying the Cairn tag and {@code tag}, or {@link NotFoundException} naming {@code what}. */
    Snapshot find(String name, String tag, String what) throws IOException {
        try {
            return repository.findLatest(s -> s.hasTag(BackupLayout.TAG) && s.hasTag(tag));
        } catch (NotFoundException e) {
            throw new NotFoundException("no " + what + " named '" + name + "' in " + repository.backend().location());
        }
    }

    public boolean exists(String name) throws IOException {
        return list().stream().anyMatch(s -> s.hasTag(BackupLayout.backupTag(name)));
    }

    /**
     * Forgets every snapshot of the named backup. Its data stays in the repository until a prune removes
     * what no snapshot references any more.
     */
    public int delete(String name) throws IOException {
        List<Snapshot> matches = list().stream().filter(s -> s.hasTag(BackupLayout.backupTag(name))).toList();
        if (matches.isEmpty()) {
            throw new NotFoundException("no backup named '" + name + "' in " + repository.backend().location());
        }
        for (Snapshot s : matches) {
            repository.backend().remove(Handle.of(FileType.SNAPSHOT, s.id()));
        }
        return matches.size();
    }

    /** The backup name a snapshot's {@code backup=<name>} tag gives. */
    public static Optional<String> nameOf(Snapshot snapshot) {
        if (snapshot.tags() == null) {
            return Optional.empty();
        }
        return snapshot.tags().stream().filter(t -> t.startsWith("backup=")).map(t -> t.substring("backup=".length())).findFirst();
    }
}
