package io.cairn.repository.backend.s3;

import io.cairn.repository.backend.BackendAuthException;
import io.cairn.repository.backend.BackendException;
import io.cairn.repository.backend.BackendMissingException;
import io.cairn.repository.backend.BackendUnreachableException;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.backend.TransientBackendException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Maps AWS SDK exceptions to the backend contract's exceptions, with messages for users. */
final class S3Errors {
    private S3Errors() {
    }

    static IOException map(SdkException e, S3Location where, Handle handle, String action) {
        String what = action + (handle == null ? "" : " " + handle) + " at " + where;
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            if ("NoSuchBucket".equals(code)) {
                return new BackendMissingException("bucket '" + where.bucket() + "' does not exist at "
                        + where.endpoint(), e);
            }
            if (status == 404 || "NoSuchKey".equals(code)) {
                NoSuchFileException n = new NoSuchFileException(handle == null ? where.toString() : handle.toString());
                n.initCause(e);
                return n;
            }
            if (status == 416 || "InvalidRange".equals(code)) {
                EOFException eof = new EOFException(what + ": range is past the end of the file");
                eof.initCause(e);
                return eof;
            }
            if (status == 401 || status == 403 || "InvalidAccessKeyId".equals(code)
                    || "SignatureDoesNotMatch".equals(code) || "AccessDenied".equals(code)) {
                return new BackendAuthException("access denied to " + where + " (" + (code == null ? "HTTP " + status : code)
                        + "): check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the bucket's permissions", e);
            }
            if (status >= 500 || status == 429 || status == 408 || "SlowDown".equals(code)
                    || "RequestTimeout".equals(code)) {
                return new TransientBackendException(what + " failed: HTTP " + status
                        + (code == null ? "" : " " + code), e);
            }
            return new BackendException(what + " failed: HTTP " + status + (code == null ? "" : " " + code)
                    + ": " + s3.getMessage(), e);
        }
        if (e instanceof SdkClientException) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof UnknownHostException) {
                    return new BackendUnreachableException("cannot reach " + where.endpoint() + ": unknown host "
                            + where.endpoint().getHost(), e);
                }
                if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
                    return new BackendUnreachableException("cannot reach " + where.endpoint() + ": " + c.getMessage(), e);
                }
                if (c instanceof IOException) {
                    return new TransientBackendException(what + " failed: " + c, e);
                }
            }
            if (e.retryable()) {
                return new TransientBackendException(what + " failed: " + e.getMessage(), e);
            }
        }
        return new BackendException(what + " failed: " + e.getMessage(), e);
    }
}
