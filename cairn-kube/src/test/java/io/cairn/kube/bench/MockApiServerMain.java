package io.cairn.kube.bench;

import io.cairn.kube.testing.DiscoveryFixture;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The API server stand-in of {@link CaptureBenchmark}: fabric8's mock web server in its own JVM, with a dispatcher that
 * serves the discovery fixture and generates list pages ({@code limit}/{@code continue}) of N objects (40% ConfigMaps, 30%
 * Secrets, 30% Services) in M namespaces on the fly, keeping none of them. Every other type lists empty. (fabric8's
 * mock server in CRUD mode takes minutes to fill with 20,000 objects and grows quadratically.) Prints
 * {@code URL <master url>} when ready and serves until its standard input closes.
 * <p>
 * Arguments: objects namespaces
 */
public final class MockApiServerMain {
    private static final String VERSION = """
            {"major":"1","minor":"31","gitVersion":"v1.31.2","gitCommit":"5864a4677267e6adeae276ad85882a8714d69d9d",\
            "gitTreeState":"clean","goVersion":"go1.22.8","compiler":"gc","platform":"linux/amd64"}""";

    /** Kept referenced so the level sticks: the mock web server logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final int objects;
    private final int namespaces;
    private final Map<String, String> discovery = new HashMap<>();

    private MockApiServerMain(int objects, int namespaces) {
        this.objects = objects;
        this.namespaces = namespaces;
        DiscoveryFixture.documents(discovery::put);
    }

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        MockApiServerMain api = new MockApiServerMain(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return api.respond(request.getPath());
            }
        });
        server.start();
        System.out.println("URL " + server.url("/"));
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the benchmark closes our stdin
        }
        server.shutdown();
        System.exit(0);
    }

    private MockResponse respond(String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> query = query(q < 0 ? null : target.substring(q + 1));
        String body;
        if (path.equals("/version")) {
            body = VERSION;
        } else if (discovery.containsKey(path)) {
            body = discovery.get(path);
        } else if (path.equals("/api/v1/namespaces") && query.containsKey("limit")) {
            StringBuilder sb = listStart("NamespaceList", null);
            for (int n = 0; n < namespaces; n++) {
                sb.append(n == 0 ? "" : ",").append("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":")
                        .append("{\"name\":\"team-").append(n).append("\",\"uid\":\"").append(uid(-1 - n))
                        .append("\",\"resourceVersion\":\"1\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},")
                        .append("\"spec\":{\"finalizers\":[\"kubernetes\"]},\"status\":{\"phase\":\"Active\"}}");
            }
            body = sb.append("]}").toString();
        } else if (query.containsKey("limit") && (path.startsWith("/api/") || path.startsWith("/apis/"))) {
            body = list(path, Integer.parseInt(query.get("limit")), query.get("continue"));
        } else {
            return new MockResponse().setResponseCode(404).addHeader("Content-Type", "application/json").setBody(
                    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
        }
        return new MockResponse().setResponseCode(200).addHeader("Content-Type", "application/json").setBody(body);
    }

    /** One page of a collection, cluster-wide or in one namespace: generated for the three filled types, else empty. */
    private String list(String path, int limit, String token) {
        String[] parts = path.substring(1).split("/");
        String resource = parts[parts.length - 1];
        int ns = parts.length >= 5 && parts[parts.length - 3].equals("namespaces") && path.startsWith("/api/v1/")
                ? Integer.parseInt(parts[parts.length - 2].replace("team-", "")) : -1;
        int kind = switch (path.startsWith("/api/v1/") ? resource : "") {
            case "configmaps" -> 0;
            case "secrets" -> 1;
            case "services" -> 2;
            default -> -1;
        };
        int count = 0;
        int i = token == null ? 0 : Integer.parseInt(token);
        StringBuilder sb = new StringBuilder(limit * 400).append("[");
        for (; kind >= 0 && i < objects && count < limit; i++) {
            if (kindOf(i) == kind && (ns < 0 || i % namespaces == ns)) {
                sb.append(count++ == 0 ? "" : ",").append(object(i));
            }
        }
        String items = sb.append("]}").toString();
        boolean more = false;
        for (int j = i; kind >= 0 && j < objects && !more; j++) {
            more = kindOf(j) == kind && (ns < 0 || j % namespaces == ns);
        }
        return listStart(kind < 0 ? "List" : new String[] {"ConfigMapList", "SecretList", "ServiceList"}[kind],
                more ? Integer.toString(i) : null).append(items, 1, items.length()).toString();
    }

    private static int kindOf(int i) {
        int r = i % 10;
        return r < 4 ? 0 : r < 7 ? 1 : 2;
    }

    private String object(int i) {
        String ns = "team-" + (i % namespaces);
        String app = "app-" + (i % 37);
        String meta = ",\"namespace\":\"" + ns + "\",\"uid\":\"" + uid(i) + "\",\"resourceVersion\":\"" + (1000 + i)
                + "\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\",\"labels\":{\"app\":\"" + app + "\"}}";
        return switch (kindOf(i)) {
            case 0 -> "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"config-" + i + "\"" + meta
                    + ",\"data\":{\"application.properties\":\"server.port=8080\\nfeature." + i + "=true\\n\"}}";
            case 1 -> "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"secret-" + i + "\"" + meta
                    + ",\"data\":{\"password\":\"" + Base64.getEncoder().encodeToString(("p" + i).getBytes())
                    + "\"},\"type\":\"Opaque\"}";
            default -> "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"svc-" + i + "\"" + meta
                    + ",\"spec\":{\"selector\":{\"app\":\"" + app + "\"},\"ports\":[{\"port\":8080,\"protocol\":\"TCP\","
                    + "\"targetPort\":8080}],\"type\":\"ClusterIP\",\"clusterIP\":\"10.96." + (i >> 8 & 255) + "."
                    + (i & 255) + "\"},\"status\":{\"loadBalancer\":{}}}";
        };
    }

    private static String uid(int i) {
        return String.format("%08x-0000-4000-8000-%012x", i, (long) i * 7919);
    }

    private static StringBuilder listStart(String kind, String token) {
        return new StringBuilder("{\"kind\":\"").append(kind).append("\",\"apiVersion\":\"v1\",\"metadata\":")
                .append("{\"resourceVersion\":\"999999\"").append(token == null ? "" : ",\"continue\":\"" + token + "\"")
                .append("},\"items\":[");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                q.put(eq < 0 ? kv : kv.substring(0, eq),
                        eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }
}
