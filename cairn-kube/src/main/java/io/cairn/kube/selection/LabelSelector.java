package io.cairn.kube.selection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector in its string form, evaluated client-side (the AND of its requirements):
 * {@code key}, {@code !key}, {@code key=v}, {@code key==v}, {@code key!=v}, {@code key in (a,b)},
 * {@code key notin (a,b)}, {@code key>n}, {@code key<n}, as {@code k8s.io/apimachinery/pkg/labels} parses them.
 * As in Kubernetes, {@code !=} and {@code notin} also match objects without the key. The empty selector matches
 * everything. Backups (--selector, and the selectors found in workloads, Services, PDBs) and restores (--selector)
 * both use it; it is evaluated here because the mock API server cannot be trusted with set-based selectors.
 * Serialises to JSON as its string form; equal when the requirements are. Immutable.
 */
public final class LabelSelector {
    /** One requirement of a selector. */
    public record Requirement(String key, Operator operator, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case EXISTS -> v != null;
                case DOES_NOT_EXIST -> v == null;
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
                case GREATER_THAN, LESS_THAN -> v != null && compare(v);
            };
        }

        private boolean compare(String v) {
            try {
                long actual = Long.parseLong(v);
                long bound = Long.parseLong(values.iterator().next());
                return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    public enum Operator { EXISTS, DOES_NOT_EXIST, EQUALS, NOT_EQUALS, IN, NOT_IN, GREATER_THAN, LESS_THAN }

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final LabelSelector EVERYTHING = new LabelSelector("", List.of());

    private final String text;
    private final List<Requirement> requirements;

    private LabelSelector(String text, List<Requirement> requirements) {
        this.text = text;
        this.requirements = List.copyOf(requirements);
    }

    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** A selector that matches exactly these labels (a Service's or a workload's matchLabels). */
    public static LabelSelector ofLabels(Map<String, String> matchLabels) {
        List<Requirement> reqs = new ArrayList<>();
        matchLabels.forEach((k, v) -> reqs.add(new Requirement(k, Operator.EQUALS, Set.of(v))));
        return new LabelSelector(matchLabels.toString(), reqs);
    }

    /** A selector of the given requirements; {@code text} is how it prints. */
    public static LabelSelector of(String text, List<Requirement> requirements) {
        return new LabelSelector(text, requirements);
    }

    /** Parses the string form; throws {@link InvalidRequestException} naming the position and the problem. */
    @JsonCreator
    public static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        return new Parser(selector).parse();
    }

    /** The labels of an API object, given its {@code metadata} node: what a selector is matched against. */
    public static Map<String, String> labels(JsonNode metadata) {
        Map<String, String> labels = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.path("labels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            labels.put(e.getKey(), e.getValue().asText());
        }
        return labels;
    }

    public boolean matches(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        for (Requirement r : requirements) {
            if (!r.matches(l)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSelector other && other.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }

    static void validateKey(String key, String selector) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !PREFIX.matcher(prefix).matches()) {
                throw bad(selector, "invalid label key prefix '" + prefix + "'");
            }
        }
        if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
            throw bad(selector, "invalid label key '" + key + "'");
        }
    }

    static void validateValue(String value, String selector) {
        if (!value.isEmpty() && (value.length() > 63 || !NAME.matcher(value).matches())) {
            throw bad(selector, "invalid label value '" + value + "'");
        }
    }

    static InvalidRequestException bad(String selector, String why) {
        return new InvalidRequestException("label selector", selector, why);
    }

    /** Recursive-descent parser over the selector string. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        LabelSelector parse() {
            List<Requirement> reqs = new ArrayList<>();
            while (true) {
                reqs.add(requirement());
                skipSpaces();
                if (pos == s.length()) {
                    return new LabelSelector(s.strip(), reqs);
                }
                expect(',');
            }
        }

        private Requirement requirement() {
            skipSpaces();
            if (peek() == '!') {
                pos++;
                skipSpaces();
                String key = word();
                validateKey(key, s);
                skipSpaces();
                if (pos < s.length() && s.charAt(pos) != ',') {
                    throw bad(s, "'!" + key + "' takes no operator or value");
                }
                return new Requirement(key, Operator.DOES_NOT_EXIST, Set.of());
            }
            String key = word();
            if (key.isEmpty()) {
                throw bad(s, "expected a label key at position " + (pos + 1));
            }
            validateKey(key, s);
            skipSpaces();
            if (pos == s.length() || peek() == ',') {
                return new Requirement(key, Operator.EXISTS, Set.of());
            }
            if (s.startsWith("==", pos)) {
                pos += 2;
                return single(key, Operator.EQUALS);
            }
            if (s.startsWith("!=", pos)) {
                pos += 2;
                return single(key, Operator.NOT_EQUALS);
            }
            char c = peek();
            if (c == '=' || c == '>' || c == '<') {
                pos++;
                Operator op = c == '=' ? Operator.EQUALS : c == '>' ? Operator.GREATER_THAN : Operator.LESS_THAN;
                Requirement r = single(key, op);
                if (op != Operator.EQUALS) {
                    try {
                        Long.parseLong(r.values().iterator().next());
                    } catch (NumberFormatException e) {
                        throw bad(s, "'" + key + c + "' needs an integer value");
                    }
                }
                return r;
            }
            String op = word();
            Operator operator = switch (op) {
                case "in" -> Operator.IN;
                case "notin" -> Operator.NOT_IN;
                default -> throw bad(s, "unknown operator '" + (op.isEmpty() ? String.valueOf(c) : op)
                        + "' after '" + key + "' (expected =, ==, !=, in, notin, >, <)");
            };
            skipSpaces();
            expect('(');
            skipSpaces();
            if (peek() == ')') {
                throw bad(s, "'in' and 'notin' need at least one value");
            }
            Set<String> values = new LinkedHashSet<>();
            while (true) {
                skipSpaces();
                String v = word();
                validateValue(v, s);
                values.add(v);
                skipSpaces();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                expect(',');
            }
            return new Requirement(key, operator, Set.copyOf(values));
        }

        private Requirement single(String key, Operator op) {
            skipSpaces();
            String value = word();
            validateValue(value, s);
            return new Requirement(key, op, Set.of(value));
        }

        private String word() {
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c) || c == ',' || c == '=' || c == '!' || c == '(' || c == ')'
                        || c == '<' || c == '>') {
                    break;
                }
                pos++;
            }
            return s.substring(start, pos);
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw bad(s, pos < s.length()
                        ? "expected '" + c + "' at position " + (pos + 1) + " but found '" + s.charAt(pos) + "'"
                        : "expected '" + c + "' but the selector ended");
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
