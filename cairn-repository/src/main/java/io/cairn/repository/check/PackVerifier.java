package io.cairn.repository.check;

import io.cairn.repository.Id;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.check.Problem.Kind;
import io.cairn.repository.crypto.CryptoKey;
import io.cairn.repository.index.BlobEntry;
import io.cairn.repository.pack.BlobCodec;
import io.cairn.repository.pack.PackHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one pack front to back, in spans of at most {@link #SPAN} bytes (or one blob, if larger), and verifies
 * it: the SHA-256 of all its bytes against its name, the header against the index, every blob's MAC and hash.
 * A pack is never held whole (restic writes packs of up to 128 MiB), and blobs next to each other come in one
 * read, which on an object store is one request.
 */
final class PackVerifier {
    static final int SPAN = 4 * 1024 * 1024;
    /** Bytes read from a pack's end first: the header of a pack of up to ~1,700 blobs. */
    static final int TAIL = 64 * 1024;

    private final Backend backend;
    private final CryptoKey key;
    private final Checker.Report report;
    private byte[] buffer = new byte[0];

    PackVerifier(Backend backend, CryptoKey key, Checker.Report report) {
        this.backend = backend;
        this.key = key;
        this.report = report;
    }

    /** Verifies pack {@code packId} of {@code size} bytes that the index says holds {@code indexed}; blobs verified. */
    long verify(Id packId, long size, List<BlobEntry> indexed) {
        Handle pack = Handle.of(FileType.PACK, packId);
        // The last bytes, read once: they hold the header of all but packs of thousands of blobs, and are
        // hashed from here at the end (on an object store, reading the header apart cost two more requests).
        byte[] tail = new byte[(int) Math.min(size, TAIL)];
        long tailStart = size - tail.length;
        try {
            backend.load(pack, tailStart, tail.length, tail, 0);
        } catch (IOException e) {
            report.error(Kind.PACK_UNREADABLE, "pack " + packId + " cannot be read: " + e.getMessage());
            return 0;
        }
        List<BlobEntry> blobs = indexed;
        try {
            List<BlobEntry> header = readHeader(packId, tail);
            compareWithIndex(packId, header, indexed);
            blobs = header;
        } catch (IOException e) {
            report.error(Kind.PACK_HEADER_INVALID, e.getMessage());
        }
        List<BlobEntry> inOrder = new ArrayList<>(blobs);
        inOrder.sort(Comparator.comparingLong(BlobEntry::offset));
        MessageDigest sha = Id.sha256();
        long verified = 0;
        long position = 0; // everything before it has been hashed
        List<BlobEntry> outOfOrder = new ArrayList<>();
        try {
            int i = 0;
            while (i < inOrder.size()) {
                BlobEntry first = inOrder.get(i);
                if (first.offset() + first.length() > size) {
                    report.error(Kind.BLOB_CORRUPT, "pack " + packId + ": blob " + first.id() + " reaches past the end");
                    i++;
                    continue;
                }
                if (first.offset() < position) {
                    outOfOrder.add(first); // overlaps what was read: a damaged header; read on its own below
                    i++;
                    continue;
                }
                position = hash(pack, sha, position, first.offset()); // a gap before it (none in a sound pack)
                // one span: the blob and as many following ones as fit in SPAN
                long start = position;
                long end = first.offset() + first.length();
                int j = i + 1;
                while (j < inOrder.size()) {
                    BlobEntry next = inOrder.get(j);
                    long nextEnd = next.offset() + next.length();
                    if (next.offset() < end || nextEnd > size || nextEnd - start > SPAN) {
                        break;
                    }
                    end = nextEnd;
                    j++;
                }
                byte[] span = read(pack, start, (int) (end - start));
                Id.update(sha, span, 0, (int) (end - start));
                for (int k = i; k < j; k++) {
                    verified += open(packId, inOrder.get(k), span, (int) (inOrder.get(k).offset() - start));
                }
                position = end;
                i = j;
            }
            if (position < tailStart) {
                position = hash(pack, sha, position, tailStart);
            }
            if (position < size) { // the header, from the tail read first
                Id.update(sha, tail, (int) (position - tailStart), (int) (size - position));
            }

            for (BlobEntry b : outOfOrder) {
                verified += open(packId, b, read(pack, b.offset(), b.length()), 0);
            }
        } catch (IOException e) {
            report.error(Kind.PACK_UNREADABLE, "pack " + packId + " cannot be read: " + e.getMessage());
            return verified;
        }
        Id actual = Id.of(sha.digest());
        if (!actual.equals(packId)) {
            report.error(Kind.PACK_HASH_MISMATCH, "pack " + packId + ": content does not match its name (SHA-256 is "
                    + actual + ")");
        }
        return verified;
    }

    /** The header from the pack's tail when it holds all of it, else read apart. */
    private List<BlobEntry> readHeader(Id packId, byte[] tail) throws IOException {
        if (tail.length >= PackHeader.LENGTH_FIELD) {
            long headerLength = Integer.toUnsignedLong(ByteBuffer.wrap(tail, tail.length - PackHeader.LENGTH_FIELD,
                    PackHeader.LENGTH_FIELD).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (headerLength + PackHeader.LENGTH_FIELD > tail.length) {
                return PackHeader.read(backend, key, packId);
            }
        }
        return PackHeader.read(key, packId, tail); // parses the end of what it is given
    }

    /** Feeds the pack's bytes {@code [from, to)} to {@code sha}; returns {@code to}. */
    private long hash(Handle pack, MessageDigest sha, long from, long to) throws IOException {
        for (long position = from; position < to; ) {
            int n = (int) Math.min(SPAN, to - position);
            Id.update(sha, read(pack, position, n), 0, n);
            position += n;
        }
        return Math.max(from, to);
    }

    private int open(Id packId, BlobEntry b, byte[] span, int at) {
        try {
            BlobCodec.open(key, span, at, b.length(), b.in(packId));
            return 1;
        } catch (IOException e) {
            report.error(Kind.BLOB_CORRUPT, e.getMessage());
            return 0;
        }
    }

    /** {@code length} bytes from {@code offset} into this verifier's reused buffer. */
    private byte[] read(Handle pack, long offset, int length) throws IOException {
        if (buffer.length < length) {
            buffer = new byte[Math.max(length, SPAN)];
        }
        backend.load(pack, offset, length, buffer, 0);
        return buffer;
    }

    private void compareWithIndex(Id packId, List<BlobEntry> header, List<BlobEntry> indexed) {
        Set<BlobEntry> inHeader = new HashSet<>(header);
        Set<BlobEntry> inIndex = new HashSet<>(indexed);
        for (BlobEntry b : indexed) {
            if (!inHeader.contains(b)) {
                report.error(Kind.PACK_HEADER_MISMATCH, "pack " + packId + ": index lists " + b
                        + " but the pack header does not");
            }
        }
        for (BlobEntry b : header) {
            if (!inIndex.contains(b)) {
                report.error(Kind.PACK_HEADER_MISMATCH, "pack " + packId + ": header lists " + b
                        + " but the index does not");
            }
        }
    }
}
