package io.cairn.repository.backend.s3;

import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.BackendException;
import io.cairn.repository.backend.BackendMissingException;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A repository in an S3 bucket (AWS, MinIO, Ceph, S3Proxy…), in restic's default layout under a key prefix:
 * {@code config}, {@code keys/}, {@code locks/}, {@code snapshots/}, {@code index/}, {@code data/xx/}.
 *
 * <p>A PUT is atomic in S3, so {@link #save} needs no temporary name; files at least
 * {@link S3Options#multipartThreshold()} bytes go up as a multipart upload (aborted on failure, so no part is
 * left behind). Every upload carries a Content-MD5 so the server rejects bytes damaged on the way. The SDK's
 * own retries are off: {@code RetryBackend} owns retrying, so that a failure is reported once, clearly.
 */
public final class S3Backend implements Backend {
    private final S3Location where;
    private final S3Options options;
    private final S3Client s3;
    private int listPageSize = 1000;
    /** Made on first use by {@link #stagingDirectory()}; removed with what is left in it on {@link #close()}. */
    private PackStaging staging;

    public S3Backend(S3Location where, S3Options options) {
        this.where = where;
        this.options = options;
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(Math.max(2, options.connections()))
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofMinutes(5)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(options.credentials())
                .forcePathStyle(options.pathStyle() != null ? options.pathStyle() : !where.isAws());
        if (!where.isAws()) {
            b.endpointOverride(where.endpoint());
            b.region(Region.of(options.region() != null ? options.region() : "us-east-1"));
        } else if (options.region() != null) {
            b.region(Region.of(options.region()));
        }
        this.s3 = b.build();
    }

    @Override
    public String location() {
        return where.toString();
    }

    public S3Location where() {
        return where;
    }

    /** Makes sure the bucket exists (creating it when missing, as restic does); fails if a config exists. */
    @Override
    public void create() throws IOException {
        try {
            s3.headBucket(r -> r.bucket(where.bucket()));
        } catch (NoSuchBucketException e) {
            createBucket();
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw S3Errors.map(e, where, null, "checking the bucket");
            }
            createBucket();
        } catch (SdkException e) {
            throw S3Errors.map(e, where, null, "checking the bucket");
        }
        if (exists(Handle.CONFIG)) {
            throw new FileAlreadyExistsException(where + " already holds a repository (config exists)");
        }
    }

    private void createBucket() throws IOException {
        try {
            s3.createBucket(r -> r.bucket(where.bucket()));
        } catch (SdkException e) {
            IOException mapped = S3Errors.map(e, where, null, "creating bucket " + where.bucket());
            throw mapped instanceof BackendMissingException ? new BackendException(mapped.getMessage(), e) : mapped;
        }
    }

    private String key(Handle handle) {
        return where.key(handle.relativePath());
    }

    @Override
    public boolean exists(Handle handle) throws IOException {
        try {
            head(handle);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private HeadObjectResponse head(Handle handle) throws IOException {
        try {
            return s3.headObject(r -> r.bucket(where.bucket()).key(key(handle)));
        } catch (SdkException e) {
            throw S3Errors.map(e, where, handle, "reading the size of");
        }
    }

    @Override
    public byte[] load(Handle handle) throws IOException {
        try {
            return s3.getObjectAsBytes(r -> r.bucket(where.bucket()).key(key(handle))).asByteArray();
        } catch (SdkException e) {
            throw S3Errors.map(e, where, handle, "reading");
        }
    }

    @Override
    public byte[] load(Handle handle, long offset, int length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        if (length == 0) {
            long size = size(handle);
            if (offset > size) {
                throw new EOFException(handle + ": range " + offset + "+0 is past the end (" + size + " bytes)");
            }
            return new byte[0];
        }
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3.getObjectAsBytes(r -> r.bucket(where.bucket()).key(key(handle)).range(range));
        } catch (SdkException e) {
            throw S3Errors.map(e, where, handle, "reading");
        }
        byte[] data = bytes.asByteArray();
        if (data.length < length) {
            throw new EOFException(handle + ": range " + offset + "+" + length + " is past the end (got "
                    + data.length + " bytes)");
        }
        if (data.length > length) {
            // A server that ignores Range sends the whole object.
            if (bytes.response().contentRange() == null && offset + length <= data.length) {
                return java.util.Arrays.copyOfRange(data, (int) offset, (int) offset + length);
            }
            throw new BackendException(handle + ": asked for " + length + " bytes, got " + data.length);
        }
        return data;
    }

    /**
     * Streams the range straight into the caller's buffer: reading it as bytes first made the SDK grow a buffer
     * by doubling and copy it twice more, several arrays of garbage per pack read. A connection lost while the
     * body streams is an IOException, which the {@link io.cairn.repository.backend.RetryBackend} above retries.
     */
    @Override
    public void load(Handle handle, long offset, int length, byte[] into, int at) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        if (length == 0) {
            load(handle, offset, 0);
            return;
        }
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        try (ResponseInputStream<GetObjectResponse> in =
                     s3.getObject(r -> r.bucket(where.bucket()).key(key(handle)).range(range))) {
            Long sent = in.response().contentLength();
            // a server that ignores Range sends the whole object (a 200 without Content-Range, longer than asked)
            boolean wholeObject = in.response().contentRange() == null && sent != null && sent != length;
            if (wholeObject) {
                in.skipNBytes(offset);
            }
            int n = in.readNBytes(into, at, length);
            if (n < length) {
                throw new EOFException(handle + ": range " + offset + "+" + length + " is past the end (got " + n
                        + " bytes)");
            }
            if (wholeObject) {
                in.abort(); // rather than read the rest of the object only to drop it
            }
        } catch (SdkException e) {
            throw S3Errors.map(e, where, handle, "reading");
        }
    }

    @Override
    public long size(Handle handle) throws IOException {
        return head(handle).contentLength();
    }

    @Override
    public void save(Handle handle, byte[] data) throws IOException {
        try {
            if (data.length >= options.multipartThreshold()) {
                saveMultipart(handle, data);
            } else {
                s3.putObject(r -> r.bucket(where.bucket()).key(key(handle)).contentLength((long) data.length)
                        .contentMD5(md5(data, 0, data.length)), RequestBody.fromBytes(data));
            }
        } catch (SdkException e) {
            throw S3Errors.map(e, where, handle, "writing");
        }
    }

    /**
     * A private local temporary directory ({@link PackStaging}): packs are written there as they grow and
     * uploaded from the file, so open and in-flight packs take no heap (null, i.e. packs in memory, if it
     * cannot be made).
     */
    @Override
    public synchronized Path stagingDirectory() {
        if (staging == null) {
            try {
                staging = PackStaging.create(Path.of(System.getProperty("java.io.tmpdir")));
            } catch (IOException e) {
                return null;
            }
        }
        return staging.directory();
    }

    /** One PUT streamed from the file below the multipart threshold (packs normally are). */
    @Override
    public void saveFile(Handle handle, Path source) throws IOException {
        long size = Files.size(source);
        if (size >= options.multipartThreshold()) {
            Backend.super.saveFile(handle, source);
            return;
        }
        MessageDigest md5 = md5();
        try (InputStream in = Files.newInputStream(source)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md5.update(buf, 0, n);
            }
        }
        String digest = Base64.getEncoder().encodeToString(md5.digest());
        try {
            s3.putObject(r -> r.bucket(where.bucket()).key(key(handle)).contentLength(size).contentMD5(digest),
                    RequestBody.fromFile(source));
        } catch (SdkException e) {
            throw S3Errors.map(e, where, handle, "writing");
        }
    }

    /**
     * A pack's parts go up as they are, in one PUT below the multipart threshold: joining them first (the
     * interface's default) would copy every pack once more on the heap.
     */
    @Override
    public void save(Handle handle, List<byte[]> parts) throws IOException {
        long total = 0;
        MessageDigest md5 = md5();
        for (byte[] part : parts) {
            total += part.length;
            md5.update(part);
        }
        if (total >= options.multipartThreshold()) {
            Backend.super.save(handle, parts);
            return;
        }
        long length = total;
        String digest = Base64.getEncoder().encodeToString(md5.digest());
        List<byte[]> body = List.copyOf(parts);
        try {
            s3.putObject(r -> r.bucket(where.bucket()).key(key(handle)).contentLength(length).contentMD5(digest),
                    RequestBody.fromContentProvider(() -> new SequenceInputStream(Collections.enumeration(
                            body.stream().map(ByteArrayInputStream::new).toList())), length, "application/octet-stream"));
        } catch (SdkException e) {
            throw S3Errors.map(e, where, handle, "writing");
        }
    }

    private void saveMultipart(Handle handle, byte[] data) throws IOException {
        String key = key(handle);
        String uploadId = s3.createMultipartUpload(r -> r.bucket(where.bucket()).key(key)).uploadId();
        boolean done = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int off = 0;
            for (int partNo = 1; off < data.length; partNo++) {
                int n = Math.min(options.partSize(), data.length - off);
                if (data.length - off - n > 0 && data.length - off - n < S3Options.MIN_PART_SIZE) {
                    n = data.length - off; // fold a short tail into this part: only the last may be small
                }
                final int number = partNo;
                final int from = off;
                final int len = n;
                String etag = s3.uploadPart(r -> r.bucket(where.bucket()).key(key).uploadId(uploadId)
                                .partNumber(number).contentLength((long) len).contentMD5(md5(data, from, len)),
                        RequestBody.fromRemainingByteBuffer(ByteBuffer.wrap(data, from, len))).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                off += n;
            }
            s3.completeMultipartUpload(r -> r.bucket(where.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
            done = true;
        } finally {
            if (!done) {
                try {
                    s3.abortMultipartUpload(r -> r.bucket(where.bucket()).key(key).uploadId(uploadId));
                } catch (SdkException ignored) {
                    // The bucket's lifecycle rules clean up what an abort could not.
                }
            }
        }
    }

    private static String md5(byte[] data, int off, int len) {
        MessageDigest md = md5();
        md.update(data, off, len);
        return Base64.getEncoder().encodeToString(md.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }

    @Override
    public void remove(Handle handle) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(where.bucket()).key(key(handle)));
        } catch (SdkException e) {
            IOException mapped = S3Errors.map(e, where, handle, "deleting");
            if (!(mapped instanceof NoSuchFileException)) {
                throw mapped;
            }
        }
    }

    @Override
    public List<FileInfo> list(FileType type) throws IOException {
        List<FileInfo> out = new ArrayList<>();
        if (type == FileType.CONFIG) {
            try {
                out.add(new FileInfo("config", size(Handle.CONFIG)));
            } catch (NoSuchFileException e) {
                // no repository yet
            }
            return out;
        }
        String prefix = where.key(type.directory()) + "/";
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(where.bucket()).prefix(prefix).maxKeys(listPageSize).build())) {
                for (S3Object o : page.contents()) {
                    String rest = o.key().substring(prefix.length());
                    String name = rest.substring(rest.lastIndexOf('/') + 1);
                    boolean nested = rest.indexOf('/') >= 0;
                    if (name.isEmpty() || name.startsWith(".") || (nested && type != FileType.PACK)) {
                        continue;
                    }
                    out.add(new FileInfo(name, o.size()));
                }
            }
        } catch (SdkException e) {
            throw S3Errors.map(e, where, null, "listing " + type.directory() + "/");
        }
        return out;
    }

    /** Keys per listing page (tests use a small value to exercise paging). */
    void listPageSize(int n) {
        this.listPageSize = n;
    }

    @Override
    public void close() throws IOException {
        s3.close();
        PackStaging dir;
        synchronized (this) {
            dir = staging;
        }
        if (dir != null) {
            dir.close();
        }
    }
}
