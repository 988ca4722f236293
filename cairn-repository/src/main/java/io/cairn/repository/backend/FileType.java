package io.cairn.repository.backend;

/** The kinds of file a repository stores, with the directory restic's default layout keeps them in. */
public enum FileType {
    CONFIG(""),
    KEY("keys"),
    LOCK("locks"),
    SNAPSHOT("snapshots"),
    INDEX("index"),
    PACK("data");

    private final String directory;

    FileType(String directory) {
        this.directory = directory;
    }

    /** Directory under the repository root ("" for the config file, which sits at the root). */
    public String directory() {
        return directory;
    }
}
