package io.cairn.kube.rules;

import io.cairn.kube.rules.Action.OnError;
import io.cairn.kube.rules.Action.RunIn;
import io.cairn.kube.selection.LabelSelector;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a rules file ({@code --rules FILE}). Every malformed field is reported, each as
 * {@code FILE:LINE: PATH: problem}, in one {@link InvalidRulesException}.
 * <pre>
 * rules:
 * - name: cassandra
 *   template: cassandra          # built-in actions (see {@link Templates}); pre/post given here replace them
 *   namespaces: [data]           # or namespace: data; default: every namespace of the backup
 *   selector: app=cassandra      # label selector; or labels: {app: cassandra}
 *   container: cassandra
 *   required: true               # no matching pod is an error, not a warning
 *   params: {}                   # template parameters
 *   pre:
 *   - command: [nodetool, flush] # argv; no shell unless it calls one
 *     timeout: 2m                # default 30s
 *     onError: Fail              # or Continue
 *     runIn: all                 # or one
 *     background: false          # true: keep running through the snapshot, ready at readyMarker
 *     readyMarker: READY
 *     stdin: "..."
 *   post: []
 * </pre>
 * A top-level list of rules (without {@code rules:}) is accepted too.
 */
public final class RulesParser {
    private static final Set<String> RULE_FIELDS = Set.of("name", "template", "namespace", "namespaces", "selector",
            "labels", "container", "required", "params", "pre", "post");
    private static final Set<String> ACTION_FIELDS = Set.of("command", "container", "timeout", "onError", "runIn",
            "background", "readyMarker", "stdin");

    private final String source;
    private final List<String> problems = new ArrayList<>();

    private RulesParser(String source) {
        this.source = source;
    }

    public static List<Rule> parse(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** @param source how to name the text in messages (a file name) */
    public static List<Rule> parse(String yaml, String source) {
        return new RulesParser(source).rules(yaml);
    }

    private List<Rule> rules(String yaml) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new InvalidRulesException(List.of(source + ":" + line + ": not valid YAML: " + e.getProblem()));
        } catch (RuntimeException e) {
            throw new InvalidRulesException(List.of(source + ": not valid YAML: " + e.getMessage()));
        }
        if (root == null) {
            throw new InvalidRulesException(List.of(source + ": no rules (the file is empty)"));
        }
        Node list = root;
        if (root instanceof MappingNode map) {
            Map<String, Node> fields = fields(map, "", Set.of("rules"));
            list = fields.get("rules");
            if (list == null) {
                problem(root, "", "expected 'rules:' with a list of rules");
                throw new InvalidRulesException(problems);
            }
        }
        List<Rule> rules = new ArrayList<>();
        if (!(list instanceof SequenceNode seq)) {
            problem(list, "rules", "expected a list of rules");
            throw new InvalidRulesException(problems);
        }
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Rule r = rule(seq.getValue().get(i), "rules[" + i + "]");
            if (r != null && !names.add(r.name())) {
                problem(seq.getValue().get(i), "rules[" + i + "].name", "duplicate rule name '" + r.name() + "'");
            }
            rules.add(r);
        }
        if (rules.isEmpty()) {
            problem(list, "rules", "no rules in the list");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRulesException(problems);
        }
        return List.copyOf(rules);
    }

    private Rule rule(Node node, String path) {
        if (!(node instanceof MappingNode map)) {
            problem(node, path, "expected a mapping with name, selector, pre and post");
            return null;
        }
        int before = problems.size();
        Map<String, Node> f = fields(map, path, RULE_FIELDS);
        String name = scalar(f.get("name"), path + ".name");
        if (name == null && !f.containsKey("name")) {
            problem(node, path, "a rule needs a name");
        }
        List<String> namespaces = new ArrayList<>();
        if (f.containsKey("namespace")) {
            namespaces.add(scalar(f.get("namespace"), path + ".namespace"));
        }
        if (f.containsKey("namespaces")) {
            namespaces.addAll(strings(f.get("namespaces"), path + ".namespaces"));
        }
        String selector = selector(f, path);
        String container = scalar(f.get("container"), path + ".container");
        boolean required = bool(f.get("required"), path + ".required", false);
        Map<String, String> params = stringMap(f.get("params"), path + ".params");
        List<Action> pre = null;
        List<Action> post = null;
        if (f.containsKey("template")) {
            String template = scalar(f.get("template"), path + ".template");
            try {
                Templates.Template t = Templates.expand(template, params);
                pre = t.pre();
                post = t.post();
            } catch (IllegalArgumentException e) {
                problem(f.get("template"), path + ".template", e.getMessage());
            }
        } else if (f.containsKey("params")) {
            problem(f.get("params"), path + ".params", "params are only used with a template");
        }
        if (f.containsKey("pre")) {
            pre = actions(f.get("pre"), path + ".pre");
        }
        if (f.containsKey("post")) {
            post = actions(f.get("post"), path + ".post");
        }
        if (problems.size() > before) {
            return null;
        }
        if ((pre == null || pre.isEmpty()) && (post == null || post.isEmpty())) {
            problem(node, path, "rule '" + name + "' has no pre or post actions (add them, or a template)");
            return null;
        }
        return new Rule(name, namespaces, selector, container, required, pre, post, List.of());
    }

    private String selector(Map<String, Node> f, String path) {
        String selector = null;
        if (f.containsKey("selector")) {
            selector = scalar(f.get("selector"), path + ".selector");
            try {
                LabelSelector.parse(selector);
            } catch (IllegalArgumentException e) {
                problem(f.get("selector"), path + ".selector", e.getMessage());
            }
        }
        if (f.containsKey("labels")) {
            if (selector != null) {
                problem(f.get("labels"), path + ".labels", "give either selector or labels, not both");
            }
            StringBuilder s = new StringBuilder();
            stringMap(f.get("labels"), path + ".labels").forEach((k, v) -> s.append(s.isEmpty() ? "" : ",").append(k).append('=').append(v));
            selector = s.toString();
            try {
                LabelSelector.parse(selector);
            } catch (IllegalArgumentException e) {
                problem(f.get("labels"), path + ".labels", e.getMessage());
            }
        }
        return selector;
    }

    private List<Action> actions(Node node, String path) {
        List<Action> actions = new ArrayList<>();
        if (!(node instanceof SequenceNode seq)) {
            problem(node, path, "expected a list of actions");
            return actions;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Action a = action(seq.getValue().get(i), path + "[" + i + "]");
            if (a != null) {
                actions.add(a);
            }
        }
        return actions;
    }

    private Action action(Node node, String path) {
        if (!(node instanceof MappingNode map)) {
            problem(node, path, "expected a mapping with command, timeout, onError, runIn, background");
            return null;
        }
        int before = problems.size();
        Map<String, Node> f = fields(map, path, ACTION_FIELDS);
        List<String> command = null;
        Node c = f.get("command");
        if (c == null) {
            problem(node, path, "an action needs a command");
        } else if (c instanceof ScalarNode) {
            problem(c, path + ".command", "command must be a list (argv), e.g. [nodetool, flush];"
                    + " to use a shell write [/bin/sh, -c, '...']");
        } else {
            command = strings(c, path + ".command");
            if (command.isEmpty() && problems.size() == before) {
                problem(c, path + ".command", "command is empty");
            }
        }
        Duration timeout = null;
        if (f.containsKey("timeout")) {
            try {
                timeout = Durations.parse(scalar(f.get("timeout"), path + ".timeout"));
            } catch (IllegalArgumentException e) {
                problem(f.get("timeout"), path + ".timeout", e.getMessage());
            }
        }
        OnError onError = choice(f.get("onError"), path + ".onError", OnError.class, "Fail or Continue");
        RunIn runIn = choice(f.get("runIn"), path + ".runIn", RunIn.class, "all or one");
        boolean background = bool(f.get("background"), path + ".background", false);
        String marker = scalar(f.get("readyMarker"), path + ".readyMarker");
        if (marker != null && !background) {
            problem(f.get("readyMarker"), path + ".readyMarker", "readyMarker needs background: true");
        }
        String stdin = scalar(f.get("stdin"), path + ".stdin");
        String container = scalar(f.get("container"), path + ".container");
        if (problems.size() > before) {
            return null;
        }
        return new Action(command, container, timeout, onError, runIn, background, marker, stdin);
    }

    private Map<String, Node> fields(MappingNode map, String path, Set<String> known) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            String at = path.isEmpty() ? key : path + "." + key;
            if (key == null || !known.contains(key)) {
                problem(t.getKeyNode(), at, "unknown field (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            } else if (out.put(key, t.getValueNode()) != null) {
                problem(t.getKeyNode(), at, "given twice");
            }
        }
        return out;
    }

    private String scalar(Node node, String path) {
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        problem(node, path, "expected a single value");
        return null;
    }

    private List<String> strings(Node node, String path) {
        List<String> out = new ArrayList<>();
        if (node instanceof ScalarNode s) {
            out.add(s.getValue());
        } else if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                String v = scalar(seq.getValue().get(i), path + "[" + i + "]");
                if (v != null) {
                    out.add(v);
                }
            }
        } else {
            problem(node, path, "expected a list of strings");
        }
        return out;
    }

    private Map<String, String> stringMap(Node node, String path) {
        Map<String, String> out = new TreeMap<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof MappingNode map)) {
            problem(node, path, "expected a mapping of names to values");
            return out;
        }
        for (NodeTuple t : map.getValue()) {
            String k = scalar(t.getKeyNode(), path);
            String v = scalar(t.getValueNode(), path + "." + k);
            if (k != null && v != null) {
                out.put(k, v);
            }
        }
        return out;
    }

    private boolean bool(Node node, String path, boolean dflt) {
        String v = scalar(node, path);
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(node, path, "expected true or false, got '" + v + "'");
                yield dflt;
            }
        };
    }

    private <E extends Enum<E>> E choice(Node node, String path, Class<E> type, String expected) {
        String v = scalar(node, path);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(node, path, "expected " + expected + ", got '" + v + "'");
            return null;
        }
    }

    private void problem(Node node, String path, String message) {
        int line = node == null ? 0 : node.getStartMark().getLine() + 1;
        problems.add(source + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }
}
