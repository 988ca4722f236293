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

    /** GET a path and hand the body stream to {@code reader} without buffering it whole. */
    public <T> T stream(String path, BodyReader<T> reader) throws ApiException {
        HttpRequest request = http.newHttpRequestBuilder().uri(base + path)
                .header("Accept", "application/json").build();
        HttpResponse<InputStream> response;
        try {
            response = http.sendAsync(request, InputStream.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(path, e);
        } catch (ExecutionException e) {
            throw new ApiException(path, e.getCause() == null ? e : e.getCause());
        }
        try (InputStream body = response.body()) {
            if (!response.isSuccessful()) {
                throw new ApiException(response.code(), path, statusMessage(body));
            }
            return reader.read(body);
        } catch (ApiException e) {
            throw e;
        } catch (IOException e) {
            throw new ApiException(path, e);
        }
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
