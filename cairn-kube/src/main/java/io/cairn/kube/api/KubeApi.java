package io.cairn.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.repository.Json;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

/**
 * Raw GETs against the API server through the fabric8 client's configured HTTP client (authentication,
 * TLS and proxies come from the client's config), so objects can be stored byte for byte as the API
 * returned them instead of going through a typed model.
 */
public final class KubeApi {
    /** Reads a response body; may throw IOException (propagated to the caller of {@link #stream}). */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private static final int MAX_ATTEMPTS = 4;
    private static final long BACKOFF_MILLIS = 100;

    private final KubernetesClient client;
    private final HttpClient http;
    private final String base;

    public KubeApi(KubernetesClient client) {
        this.client = client;
        this.http = client.getHttpClient();
        String url = client.getMasterUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public KubernetesClient client() {
        return client;
    }

    /** GET a path (starting with "/") and return the body. */
    public byte[] get(String path) throws ApiException {
        return stream(path, InputStream::readAllBytes);
    }

    /** GET a path and parse the body as a JSON tree. */
    public JsonNode getJson(String path) throws ApiException {
        return stream(path, Json.MAPPER::readTree);
    }

    /**
     * GET a path and hand the body to {@code reader}. The body is read whole first — callers page their lists
     * (limit/continue), so one response stays small — because reading a response slowly while the reader writes
     * into the repository let the HTTP client close the channel mid-body under parallel capture. A request that
     * fails before the reader sees anything (connection refused or closed, 429, 5xx, a body cut short) is
     * retried a few times with backoff.
     */
    public <T> T stream(String path, BodyReader<T> reader) throws ApiException {
        byte[] body = fetch(path);
        try {
            return reader.read(new java.io.ByteArrayInputStream(body));
        } catch (ApiException e) {
            throw e;
        } catch (IOException e) {
            throw new ApiException(path, e);
        }
    }

    private byte[] fetch(String path) throws ApiException {
        for (int attempt = 1; ; attempt++) {
            ApiException failure;
            HttpResponse<InputStream> response = send(path);
            try (InputStream in = response.body()) {
                return in.readAllBytes();
            } catch (IOException e) {
                failure = new ApiException(path, e);
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw failure;
            }
            backoff(attempt, failure);
        }
    }

    private static void backoff(int attempt, ApiException failure) throws ApiException {
        try {
            Thread.sleep(BACKOFF_MILLIS << (2 * (attempt - 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private HttpResponse<InputStream> send(String path) throws ApiException {
        HttpRequest request = http.newHttpRequestBuilder().uri(base + path)
                .header("Accept", "application/json").build();
        for (int attempt = 1; ; attempt++) {
            ApiException failure;
            try {
                HttpResponse<InputStream> response = http.sendAsync(request, InputStream.class).get();
                if (response.isSuccessful()) {
                    return response;
                }
                try (InputStream body = response.body()) {
                    failure = new ApiException(response.code(), path, statusMessage(body));
                } catch (IOException e) {
                    failure = new ApiException(response.code(), path, "");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(path, e);
            } catch (ExecutionException e) {
                failure = new ApiException(path, e.getCause() == null ? e : e.getCause());
            }
            if (attempt >= MAX_ATTEMPTS || !isTransient(failure.code())) {
                throw failure;
            }
            backoff(attempt, failure);
        }
    }

    /** Unreachable (0), throttled, or a server-side error that may pass. */
    private static boolean isTransient(int code) {
        return code == 0 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
    }

    private static String statusMessage(InputStream body) {
        if (body == null) {
            return "";
        }
        try {
            byte[] bytes = body.readNBytes(4096);
            String text = new String(bytes, StandardCharsets.UTF_8);
            try {
                JsonNode status = Json.MAPPER.readTree(bytes);
                if (status != null && status.hasNonNull("message")) {
                    return status.get("message").asText();
                }
            } catch (IOException notJson) {
                // fall through to the raw text
            }
            return text.strip();
        } catch (IOException e) {
            return "";
        }
    }
}
