package io.cairn.repository.backend;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings for opening a backend from a location string.
 *
 * @param env                 environment variables to read credentials and region from (System.getenv() in the CLI)
 * @param connections         concurrent calls allowed to reach the storage
 * @param retry               retry policy for transient failures
 * @param retryListener       told about each retry (e.g. to print a warning)
 * @param s3Region            region for S3; null reads AWS_REGION / AWS_DEFAULT_REGION
 * @param s3PathStyle         force path-style (true) or virtual-hosted (false) S3 addressing; null picks
 * @param s3CredentialsFile   an AWS credentials file to use when the environment has no keys; may be null
 */
public record BackendOptions(Map<String, String> env, int connections, RetryBackend.Policy retry,
                             RetryBackend.Listener retryListener, String s3Region, Boolean s3PathStyle,
                             Path s3CredentialsFile) {
    public static final int DEFAULT_CONNECTIONS = 5;

    public BackendOptions {
        env = Map.copyOf(env);
    }

    public static BackendOptions defaults() {
        return new BackendOptions(System.getenv(), DEFAULT_CONNECTIONS, RetryBackend.Policy.DEFAULT,
                RetryBackend.Listener.NONE, null, null, null);
    }

    public BackendOptions withEnv(Map<String, String> newEnv) {
        return new BackendOptions(newEnv, connections, retry, retryListener, s3Region, s3PathStyle, s3CredentialsFile);
    }

    public BackendOptions withRetry(RetryBackend.Policy policy, RetryBackend.Listener listener) {
        return new BackendOptions(env, connections, policy, listener, s3Region, s3PathStyle, s3CredentialsFile);
    }

    public BackendOptions withS3(String region, Boolean pathStyle, Path credentialsFile) {
        return new BackendOptions(env, connections, retry, retryListener, region, pathStyle, credentialsFile);
    }

    public BackendOptions withConnections(int n) {
        return new BackendOptions(env, n, retry, retryListener, s3Region, s3PathStyle, s3CredentialsFile);
    }
}
