package io.cairn.kube.backup;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.api.ApiException;
import io.cairn.kube.api.KubeApi;
import io.cairn.kube.discovery.ApiResourceType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Lists a collection page by page ({@code limit}/{@code continue}) and hands each item to a sink as soon as
 * it is parsed, so at most one object's tree is in memory per list. Items get their {@code apiVersion} and
 * {@code kind} back (list items may lack them); everything else stays as the API returned it, numbers
 * included.
 */
final class CollectionLister {
    /** Receives each listed object. */
    @FunctionalInterface
    interface Sink {
        void accept(ObjectNode object) throws IOException;
    }

    /** Exact numbers: a decimal survives a read and a write unchanged. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final KubeApi api;
    private final int pageSize;

    CollectionLister(KubeApi api, int pageSize) {
        this.api = api;
        this.pageSize = pageSize;
    }

    /** Lists every page of the type in one namespace (or cluster-wide when namespace is null). */
    void list(ApiResourceType type, String namespace, Sink sink) throws IOException {
        String base = type.collectionPath(namespace) + "?limit=" + pageSize;
        String token = null;
        do {
            String path = token == null ? base : base + "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
            token = api.stream(path, body -> page(body, type, sink));
        } while (token != null && !token.isEmpty());
    }

    /** Parses one list page, streaming its items; returns the continue token. */
    private static String page(InputStream body, ApiResourceType type, Sink sink) throws IOException {
        String token = null;
        try (JsonParser p = MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("list response is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("items".equals(field) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        ObjectNode item = MAPPER.readTree(p);
                        sink.accept(withTypeMeta(item, type));
                    }
                } else if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
                    ObjectNode meta = MAPPER.readTree(p);
                    token = meta.path("continue").asText(null);
                } else {
                    p.skipChildren();
                }
            }
        }
        return token;
    }

    static ObjectNode withTypeMeta(ObjectNode item, ApiResourceType type) {
        if (item.hasNonNull("apiVersion") && item.hasNonNull("kind")) {
            return item;
        }
        ObjectNode full = MAPPER.createObjectNode();
        full.put("apiVersion", type.apiVersion());
        full.put("kind", type.kind());
        item.properties().forEach(e -> {
            if (!e.getKey().equals("apiVersion") && !e.getKey().equals("kind")) {
                full.set(e.getKey(), e.getValue());
            }
        });
        return full;
    }

    /** GETs one object; null when it does not exist (any more). */
    ObjectNode get(String path, ApiResourceType type) throws ApiException {
        try {
            return api.stream(path, body -> withTypeMeta((ObjectNode) MAPPER.readTree(body), type));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return null;
            }
            throw e;
        }
    }
}
