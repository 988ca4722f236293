package io.cairn.repository.index;

import io.cairn.repository.Id;
import java.util.List;

/** A pack and the blobs it holds, in pack order: one element of an index file's {@code packs} array. */
public record PackContents(Id packId, List<BlobEntry> blobs) {
    public PackContents {
        blobs = List.copyOf(blobs);
    }
}
