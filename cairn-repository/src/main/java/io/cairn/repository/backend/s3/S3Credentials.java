package io.cairn.repository.backend.s3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Picks S3 credentials the way restic and the AWS CLI do, never from the command line: AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN) from the environment; else a credentials file the user named
 * (profile AWS_PROFILE or {@code default}); else the SDK's default chain (AWS_PROFILE in ~/.aws, web identity,
 * container and instance roles).
 */
public final class S3Credentials {
    private S3Credentials() {
    }

    public static AwsCredentialsProvider resolve(Map<String, String> env, Path credentialsFile) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (notBlank(id) && notBlank(secret)) {
            String token = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(notBlank(token)
                    ? AwsSessionCredentials.create(id, secret, token)
                    : AwsBasicCredentials.create(id, secret));
        }
        if (credentialsFile != null) {
            if (!Files.isReadable(credentialsFile)) {
                throw new IllegalArgumentException("cannot read the S3 credentials file " + credentialsFile);
            }
            String profile = notBlank(env.get("AWS_PROFILE")) ? env.get("AWS_PROFILE") : "default";
            ProfileFile file = ProfileFile.builder().content(credentialsFile).type(ProfileFile.Type.CREDENTIALS).build();
            return ProfileCredentialsProvider.builder().profileFile(file).profileName(profile).build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** AWS_REGION, else AWS_DEFAULT_REGION, else null. */
    public static String region(Map<String, String> env) {
        String r = env.get("AWS_REGION");
        return notBlank(r) ? r : notBlank(env.get("AWS_DEFAULT_REGION")) ? env.get("AWS_DEFAULT_REGION") : null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
