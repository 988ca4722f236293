package io.cairn.repository;

/** The two kinds of blob a pack holds; restic keeps them in separate packs. */
public enum BlobType {
    DATA("data"),
    TREE("tree");

    private final String jsonName;

    BlobType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in index files ("data" or "tree"). */
    public String jsonName() {
        return jsonName;
    }

    public static BlobType fromJson(String name) {
        for (BlobType t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown blob type: " + name);
    }
}
