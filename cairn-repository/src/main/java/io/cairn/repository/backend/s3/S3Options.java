package io.cairn.repository.backend.s3;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How to talk to an S3 endpoint.
 *
 * @param region             signing region; null means {@code us-east-1} for non-AWS endpoints, else the SDK's
 *                           default chain (AWS_REGION, profile)
 * @param pathStyle          path-style addressing ({@code host/bucket/key}); null picks virtual-hosted for AWS
 *                           and path-style for every other endpoint, as restic does
 * @param credentials        where credentials come from; never logged
 * @param multipartThreshold files at least this large are uploaded in parts
 * @param partSize           size of each part (S3 requires at least 5 MiB except for the last)
 * @param connections        size of the HTTP connection pool
 */
public record S3Options(String region, Boolean pathStyle, AwsCredentialsProvider credentials, long multipartThreshold,
                        int partSize, int connections) {
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    public static final int DEFAULT_CONNECTIONS = 5;

    public S3Options {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 part size must be at least 5 MiB");
        }
        if (multipartThreshold < partSize) {
            throw new IllegalArgumentException("multipart threshold must be at least the part size");
        }
    }

    public static S3Options defaults(AwsCredentialsProvider credentials) {
        return new S3Options(null, null, credentials, DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE, DEFAULT_CONNECTIONS);
    }

    public S3Options withRegion(String newRegion) {
        return new S3Options(newRegion, pathStyle, credentials, multipartThreshold, partSize, connections);
    }

    public S3Options withPathStyle(Boolean newPathStyle) {
        return new S3Options(region, newPathStyle, credentials, multipartThreshold, partSize, connections);
    }

    public S3Options withMultipart(long threshold, int newPartSize) {
        return new S3Options(region, pathStyle, credentials, threshold, newPartSize, connections);
    }

    public S3Options withConnections(int n) {
        return new S3Options(region, pathStyle, credentials, multipartThreshold, partSize, Math.max(1, n));
    }
}
