package io.cairn.repository.pack;

import io.cairn.repository.BlobType;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.crypto.CryptoKey;
import io.cairn.repository.index.BlobEntry;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The header at the end of a pack (restic design, "Pack Format"): {@code sealed(entries) ‖ uint32 LE length of
 * the sealed entries}. An entry is a type byte (0 data, 1 tree, 2 compressed data, 3 compressed tree), the
 * sealed length as uint32 LE, for compressed types the plaintext length as uint32 LE, then the 32-byte blob ID.
 * Blobs follow each other from offset 0 in entry order.
 */
public final class PackHeader {
    static final int ENTRY_SIZE = 1 + 4 + Id.LENGTH;
    static final int COMPRESSED_ENTRY_SIZE = 1 + 4 + 4 + Id.LENGTH;
    public static final int LENGTH_FIELD = 4;
    /** restic refuses headers larger than this. */
    static final int MAX_HEADER_SIZE = 16 * 1024 * 1024;

    private PackHeader() {
    }

    static int entrySize(BlobEntry e) {
        return e.isCompressed() ? COMPRESSED_ENTRY_SIZE : ENTRY_SIZE;
    }

    /** Bytes the header takes at the end of the pack: sealed entries plus the length field. */
    public static long headerSize(List<BlobEntry> entries) {
        long plain = 0;
        for (BlobEntry e : entries) {
            plain += entrySize(e);
        }
        return plain + CryptoKey.OVERHEAD + LENGTH_FIELD;
    }

    /** Size of a pack holding exactly these blobs, as the index implies it. */
    public static long packSize(List<BlobEntry> entries) {
        long blobs = 0;
        for (BlobEntry e : entries) {
            blobs += Integer.toUnsignedLong(e.length());
        }
        return blobs + headerSize(entries);
    }

    /** The plaintext of the header. */
    static byte[] encode(List<BlobEntry> entries) {
        int size = 0;
        for (BlobEntry e : entries) {
            size += entrySize(e);
        }
        ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (BlobEntry e : entries) {
            int type = e.type() == BlobType.TREE ? 1 : 0;
            buf.put((byte) (e.isCompressed() ? type | 2 : type));
            buf.putInt(e.length());
            if (e.isCompressed()) {
                buf.putInt(e.uncompressedLength());
            }
            byte[] id = new byte[Id.LENGTH];
            e.id().writeTo(id, 0);
            buf.put(id);
        }
        return buf.array();
    }

    /** Parses header plaintext into entries with their offsets. */
    static List<BlobEntry> decode(byte[] plain) throws CorruptDataException {
        ByteBuffer buf = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
        List<BlobEntry> out = new ArrayList<>();
        long offset = 0;
        while (buf.hasRemaining()) {
            int type = buf.get() & 0xff;
            if (type > 3) {
                throw new CorruptDataException("header entry " + out.size() + " has unknown type " + type);
            }
            boolean compressed = (type & 2) != 0;
            if (buf.remaining() < (compressed ? COMPRESSED_ENTRY_SIZE : ENTRY_SIZE) - 1) {
                throw new CorruptDataException("header entry " + out.size() + " is truncated");
            }
            int length = buf.getInt();
            int uncompressed = compressed ? buf.getInt() : 0;
            byte[] id = new byte[Id.LENGTH];
            buf.get(id);
            if (length < CryptoKey.OVERHEAD || (compressed && uncompressed <= 0)) {
                throw new CorruptDataException("header entry " + out.size() + " has an impossible length");
            }
            out.add(new BlobEntry((type & 1) == 1 ? BlobType.TREE : BlobType.DATA, Id.of(id), offset, length,
                    uncompressed));
            offset += length;
        }
        return out;
    }

    /** Reads, verifies and parses the header of a whole pack held in memory. */
    public static List<BlobEntry> read(CryptoKey key, Id packId, byte[] pack) throws CorruptDataException {
        if (pack.length < LENGTH_FIELD) {
            throw new CorruptDataException("pack " + packId + ": file is too small (" + pack.length + " bytes)");
        }
        long hlen = Integer.toUnsignedLong(ByteBuffer.wrap(pack, pack.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        checkHeaderLength(packId, hlen, pack.length);
        return open(key, packId, pack, (int) (pack.length - 4 - hlen), (int) hlen);
    }

    /** Reads the header of a pack in the backend with two ranged reads. */
    public static List<BlobEntry> read(Backend backend, CryptoKey key, Id packId) throws IOException {
        Handle h = Handle.of(FileType.PACK, packId);
        long size = backend.size(h);
        if (size < LENGTH_FIELD) {
            throw new CorruptDataException("pack " + packId + ": file is too small (" + size + " bytes)");
        }
        try {
            byte[] len = backend.load(h, size - 4, 4);
            long hlen = Integer.toUnsignedLong(ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt());
            checkHeaderLength(packId, hlen, size);
            byte[] sealed = backend.load(h, size - 4 - hlen, (int) hlen);
            return open(key, packId, sealed, 0, sealed.length);
        } catch (EOFException e) {
            throw new CorruptDataException("pack " + packId + ": truncated while reading its header", e);
        }
    }

    private static void checkHeaderLength(Id packId, long hlen, long fileSize) throws CorruptDataException {
        if (hlen < CryptoKey.OVERHEAD + ENTRY_SIZE || hlen > MAX_HEADER_SIZE || hlen > fileSize - LENGTH_FIELD) {
            throw new CorruptDataException("pack " + packId + ": header length " + hlen + " is invalid for a file of "
                    + fileSize + " bytes");
        }
    }

    private static List<BlobEntry> open(CryptoKey key, Id packId, byte[] buf, int off, int len)
            throws CorruptDataException {
        try {
            return decode(key.open(buf, off, len));
        } catch (CorruptDataException e) {
            throw new CorruptDataException("pack " + packId + ": header: " + e.getMessage(), e);
        }
    }
}
