package io.cairn.kube.rules;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cairn.kube.rules.Action.OnError;
import io.cairn.repository.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rules written as pod annotations, for simple cases and for users coming from Velero:
 * <pre>
 * pre.hook.cairn.io/command: '["/bin/sh", "-c", "sync"]'   # JSON array = argv
 * pre.hook.cairn.io/container: app                         # default: the pod's first container
 * pre.hook.cairn.io/timeout: 30s                           # default 30s
 * pre.hook.cairn.io/on-error: Fail                         # or Continue; default Fail
 * post.hook.cairn.io/...                                   # likewise
 * </pre>
 * Velero's {@code pre.hook.backup.velero.io/*} and {@code post.hook.backup.velero.io/*} mean the same; for each
 * of pre and post, Cairn's annotations win when both are present. As in Velero, a command that is not a JSON
 * array is one argv element (no shell, no splitting on spaces): {@code fsync} runs {@code fsync}; to use a shell
 * write {@code ["/bin/sh","-c","..."]}.
 */
public final class HookAnnotations {
    public static final String CAIRN = "hook.cairn.io";
    public static final String VELERO = "hook.backup.velero.io";
    /** The name of a rule made from a pod's annotations, in reports. */
    public static final String RULE_NAME = "pod-annotations";

    private HookAnnotations() {
    }

    /** True when the annotations hold a pre or post hook (Cairn's or Velero's). */
    public static boolean present(Map<String, String> annotations) {
        return annotations != null && (has(annotations, "pre", CAIRN) || has(annotations, "post", CAIRN)
                || has(annotations, "pre", VELERO) || has(annotations, "post", VELERO));
    }

    /**
     * The rule for one pod, or null when it has no hook annotations.
     *
     * @throws InvalidRulesException naming the pod, the annotation and the problem
     */
    public static Rule rule(PodRef pod, Map<String, String> annotations) {
        if (!present(annotations)) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        Action pre = action(pod, annotations, "pre", problems);
        Action post = action(pod, annotations, "post", problems);
        if (!problems.isEmpty()) {
            throw new InvalidRulesException(problems);
        }
        return new Rule(RULE_NAME, List.of(pod.namespace()), null, null, false,
                pre == null ? List.of() : List.of(pre), post == null ? List.of() : List.of(post), List.of(pod));
    }

    private static boolean has(Map<String, String> a, String phase, String domain) {
        return a.containsKey(phase + "." + domain + "/command");
    }

    private static Action action(PodRef pod, Map<String, String> a, String phase, List<String> problems) {
        String domain = has(a, phase, CAIRN) ? CAIRN : has(a, phase, VELERO) ? VELERO : null;
        if (domain == null) {
            return null;
        }
        String prefix = phase + "." + domain + "/";
        int before = problems.size();
        List<String> command = command(a.get(prefix + "command"));
        if (command.isEmpty() || command.get(0).isBlank()) {
            problems.add("pod " + pod + ": annotation " + prefix + "command: expected a JSON array of strings"
                    + " (argv) or one command, got '" + a.get(prefix + "command") + "'");
        }
        Duration timeout = null;
        if (a.containsKey(prefix + "timeout")) {
            try {
                timeout = Durations.parse(a.get(prefix + "timeout"));
            } catch (IllegalArgumentException e) {
                problems.add("pod " + pod + ": annotation " + prefix + "timeout: " + e.getMessage());
            }
        }
        OnError onError = null;
        String value = a.get(prefix + "on-error");
        if (value != null) {
            switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "fail" -> onError = OnError.FAIL;
                case "continue" -> onError = OnError.CONTINUE;
                default -> problems.add("pod " + pod + ": annotation " + prefix + "on-error: expected Fail or Continue,"
                        + " got '" + value + "'");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new Action(command, a.get(prefix + "container"), timeout, onError, null, false, null, null);
    }

    private static List<String> command(String text) {
        if (text == null) {
            return List.of();
        }
        String s = text.strip();
        if (s.startsWith("[")) {
            try {
                List<String> argv = Json.MAPPER.readValue(s, new TypeReference<List<String>>() { });
                return argv == null || argv.contains(null) ? List.of() : argv;
            } catch (IOException e) {
                return List.of();
            }
        }
        return s.isEmpty() ? List.of() : List.of(s);
    }
}
