package io.cairn.kube.rules;

import io.cairn.kube.rules.Action.OnError;
import io.cairn.kube.rules.Action.RunIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Built-in rules users refer to by name ({@code template: cassandra}). Parameters are written {@code {{name}}} in
 * commands (so they never clash with shell {@code ${VAR}}); a rule's {@code params} override the defaults.
 * Templates call a shell only where they must read the container's environment or loop.
 * <ul>
 * <li>{@code cassandra}: {@code nodetool flush} (memtables to SSTables) in every pod.</li>
 * <li>{@code mysql}, {@code mariadb}: a client session reads {@code FLUSH TABLES WITH READ LOCK} from stdin,
 *     prints the ready marker, and holds the lock while the session stays open (background); ending the session
 *     closes stdin, the client exits and the lock goes with it — also when Cairn dies. Password from
 *     {@code $MYSQL_ROOT_PASSWORD} / {@code $MARIADB_ROOT_PASSWORD}.</li>
 * <li>{@code postgresql}: {@code CHECKPOINT} through psql (PostgreSQL recovers from a crash-consistent snapshot;
 *     the checkpoint shortens recovery).</li>
 * <li>{@code mongodb}: {@code db.fsyncLock()} before, {@code db.fsyncUnlock()} after (the lock outlives the
 *     connection, so the post action and crash recovery matter).</li>
 * <li>{@code redis}: {@code BGSAVE} and wait until {@code LASTSAVE} changes, so the RDB file on the volume is
 *     fresh.</li>
 * <li>{@code elasticsearch}: {@code POST _flush} through curl.</li>
 * <li>{@code etcd}: {@code etcdctl snapshot save} into the data directory, in one member only: etcd's own
 *     consistent snapshot lands on the volume and is what a restore should use ({@code etcdctl snapshot
 *     restore}); the raw member files next to it are only crash-consistent.</li>
 * <li>{@code fsfreeze}: {@code fsfreeze -f MOUNT} / {@code -u MOUNT} (param {@code mountPath}, required; the
 *     container must be privileged). Post failures here leave a file system frozen: they fail the backup.</li>
 * </ul>
 */
public final class Templates {
    /** A template's actions before parameter substitution, and its parameter defaults (null = required). */
    record Template(List<Action> pre, List<Action> post, Map<String, String> params) {
    }

    private static final Pattern PARAM = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");
    private static final String READY = "CAIRN-READY";
    private static final Map<String, Template> TEMPLATES = new TreeMap<>();

    static {
        TEMPLATES.put("cassandra", new Template(
                List.of(Action.of("nodetool", "flush").withTimeout(Duration.ofMinutes(2))), List.of(), Map.of()));
        TEMPLATES.put("mysql", mysql("mysql"));
        TEMPLATES.put("mariadb", mysql("mariadb"));
        TEMPLATES.put("postgresql", new Template(List.of(Action.of("psql", "-U", "{{user}}", "-v", "ON_ERROR_STOP=1",
                "-c", "CHECKPOINT").withTimeout(Duration.ofMinutes(2))), List.of(), Map.of("user", "postgres")));
        TEMPLATES.put("mongodb", new Template(
                List.of(Action.of("mongosh", "--quiet", "--eval", "db.fsyncLock()")),
                List.of(Action.of("mongosh", "--quiet", "--eval", "db.fsyncUnlock()")), Map.of()));
        TEMPLATES.put("redis", new Template(List.of(Action.of("/bin/sh", "-c",
                "before=$(redis-cli LASTSAVE) && redis-cli BGSAVE >/dev/null"
                        + " && while [ \"$(redis-cli LASTSAVE)\" = \"$before\" ]; do sleep 0.2; done && echo saved")
                .withTimeout(Duration.ofMinutes(5))), List.of(), Map.of()));
        TEMPLATES.put("elasticsearch", new Template(
                List.of(Action.of("curl", "-sSf", "-XPOST", "{{url}}/_flush").withTimeout(Duration.ofMinutes(2))),
                List.of(), Map.of("url", "http://localhost:9200")));
        TEMPLATES.put("etcd", new Template(List.of(Action.of("/bin/sh", "-c",
                "ETCDCTL_API=3 etcdctl {{args}} snapshot save {{dataDir}}/cairn-snapshot.db")
                .withTimeout(Duration.ofMinutes(5)).withRunIn(RunIn.ONE)), List.of(),
                Map.of("dataDir", "/var/lib/etcd", "args", "")));
        java.util.HashMap<String, String> freeze = new java.util.HashMap<>();
        freeze.put("mountPath", null);
        TEMPLATES.put("fsfreeze", new Template(List.of(Action.of("fsfreeze", "-f", "{{mountPath}}")),
                List.of(Action.of("fsfreeze", "-u", "{{mountPath}}")), freeze));
    }

    private Templates() {
    }

    private static Template mysql(String client) {
        Action lock = new Action(List.of("/bin/sh", "-c", "MYSQL_PWD=\"${MYSQL_ROOT_PASSWORD:-$MARIADB_ROOT_PASSWORD}\""
                + " exec {{client}} --user={{user}} --unbuffered --batch --skip-column-names"),
                null, Duration.ofMinutes(1), OnError.FAIL, RunIn.ALL, true, READY,
                "FLUSH TABLES WITH READ LOCK;\nSELECT '" + READY + "';\n");
        return new Template(List.of(lock), List.of(), Map.of("client", client, "user", "root"));
    }

    public static Set<String> names() {
        return TEMPLATES.keySet();
    }

    /**
     * The template's pre and post actions with {@code params} substituted.
     *
     * @throws IllegalArgumentException for an unknown template, an unknown or a missing parameter
     */
    static Template expand(String name, Map<String, String> params) {
        Template t = TEMPLATES.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown template '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        Map<String, String> values = new TreeMap<>();
        t.params().forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            }
        });
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!t.params().containsKey(p.getKey())) {
                throw new IllegalArgumentException("template '" + name + "' has no parameter '" + p.getKey() + "'"
                        + (t.params().isEmpty() ? "" : " (it takes: " + String.join(", ", new TreeMap<>(t.params()).keySet()) + ")"));
            }
            values.put(p.getKey(), p.getValue());
        }
        for (String k : t.params().keySet()) {
            if (!values.containsKey(k)) {
                throw new IllegalArgumentException("template '" + name + "' needs parameter '" + k + "' (params: {" + k + ": ...})");
            }
        }
        return new Template(substitute(t.pre(), values), substitute(t.post(), values), values);
    }

    private static List<Action> substitute(List<Action> actions, Map<String, String> values) {
        List<Action> out = new ArrayList<>();
        for (Action a : actions) {
            List<String> argv = a.command().stream().map(s -> substitute(s, values)).toList();
            out.add(new Action(argv, a.container(), a.timeout(), a.onError(), a.runIn(), a.background(),
                    a.readyMarker(), a.stdin() == null ? null : substitute(a.stdin(), values)));
        }
        return out;
    }

    private static String substitute(String s, Map<String, String> values) {
        Matcher m = PARAM.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(b);
        return b.toString();
    }
}
