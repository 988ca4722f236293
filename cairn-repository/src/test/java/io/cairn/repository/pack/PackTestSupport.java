package io.cairn.repository.pack;

import io.cairn.repository.BlobType;
import io.cairn.repository.Id;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.LocalBackend;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test data and file surgery shared by the pack, index and check tests. */
public final class PackTestSupport {
    private PackTestSupport() {
    }

    /** A blob of test data: compressible text for even n, random bytes for odd n. */
    public record TestBlob(BlobType type, Id id, byte[] data) {
    }

    public static List<TestBlob> blobs(int count, long seed) {
        Random rnd = new Random(seed);
        List<TestBlob> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BlobType type = i % 3 == 0 ? BlobType.TREE : BlobType.DATA;
            int size = 1 + rnd.nextInt(6000);
            byte[] data;
            if (i % 2 == 0) {
                StringBuilder sb = new StringBuilder();
                while (sb.length() < size) {
                    sb.append("{\"name\":\"file-").append(i).append("\",\"seed\":").append(seed).append("}\n");
                }
                data = sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
            } else {
                data = new byte[size];
                rnd.nextBytes(data);
            }
            out.add(new TestBlob(type, Id.hash(data), data));
        }
        return out;
    }

    public static Id onlyFile(Backend backend, FileType type) throws IOException {
        List<FileInfo> files = backend.list(type);
        if (files.size() != 1) {
            throw new AssertionError("expected one " + type + " file, found " + files.size());
        }
        return Id.parse(files.get(0).name());
    }

    public static Path path(LocalBackend backend, FileType type, Id id) {
        return backend.root().resolve(new io.cairn.repository.backend.Handle(type, id.toString()).relativePath());
    }

    /** Flips one bit of a repository file (which LocalBackend made read-only). */
    public static void flipByte(Path file, long offset) throws IOException {
        file.toFile().setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x01);
        }
    }

    public static void truncate(Path file, long length) throws IOException {
        file.toFile().setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }
}
