package io.cairn.kube.restore.filter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector in its string form, evaluated client-side (the mock API server, and some
 * callers, cannot be trusted with set-based selectors). Grammar as {@code k8s.io/apimachinery/pkg/labels}:
 * comma-separated requirements, all of which must hold — {@code key}, {@code !key}, {@code key=value},
 * {@code key==value}, {@code key!=value}, {@code key in (a,b)}, {@code key notin (a,b)}, {@code key>1},
 * {@code key<1}. The empty selector matches everything. Immutable.
 */
public final class LabelSelector {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    enum Operator { EXISTS, NOT_EXISTS, EQUALS, NOT_EQUALS, IN, NOT_IN, GREATER, LESS }

    record Requirement(String key, Operator op, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (op) {
                case EXISTS -> labels.containsKey(key);
                case NOT_EXISTS -> !labels.containsKey(key);
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
                case GREATER, LESS -> v != null && compare(v);
            };
        }

        private boolean compare(String v) {
            try {
                long actual = Long.parseLong(v);
                long bound = Long.parseLong(values.iterator().next());
                return op == Operator.GREATER ? actual > bound : actual < bound;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    private static final LabelSelector EVERYTHING = new LabelSelector("", List.of());

    private final String text;
    private final List<Requirement> requirements;

    private LabelSelector(String text, List<Requirement> requirements) {
        this.text = text;
        this.requirements = requirements;
    }

    /** The selector that matches every object. */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** Parses a selector; {@link IllegalArgumentException} naming the problem and its position. */
    @JsonCreator
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        return new LabelSelector(text.trim(), new Parser(text).parse());
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

    /** Hand-written lexer and recursive-descent parser over the selector string. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        List<Requirement> parse() {
            List<Requirement> out = new ArrayList<>();
            while (true) {
                out.add(requirement());
                skipSpace();
                if (pos == s.length()) {
                    return out;
                }
                expect(",");
            }
        }

        private Requirement requirement() {
            skipSpace();
            if (peek("!") && !peek("!=")) {
                pos++;
                return new Requirement(key(), Operator.NOT_EXISTS, Set.of());
            }
            String key = key();
            skipSpace();
            if (pos == s.length() || peek(",")) {
                return new Requirement(key, Operator.EXISTS, Set.of());
            }
            if (peek("==") || peek("!=") || peek("=")) {
                Operator op = peek("!=") ? Operator.NOT_EQUALS : Operator.EQUALS;
                pos += peek("=") && !peek("==") ? 1 : 2;
                return new Requirement(key, op, Set.of(value()));
            }
            if (peek(">") || peek("<")) {
                Operator op = peek(">") ? Operator.GREATER : Operator.LESS;
                pos++;
                String bound = value();
                if (!bound.matches("-?[0-9]+")) {
                    throw error("'" + bound + "' is not an integer");
                }
                return new Requirement(key, op, Set.of(bound));
            }
            int start = pos;
            String word = word();
            Operator op = switch (word) {
                case "in" -> Operator.IN;
                case "notin" -> Operator.NOT_IN;
                default -> {
                    pos = start;
                    throw error("expected an operator (=, ==, !=, in, notin, >, <) after '" + key + "'");
                }
            };
            return new Requirement(key, op, valueSet());
        }

        private Set<String> valueSet() {
            skipSpace();
            expect("(");
            List<String> values = new ArrayList<>();
            skipSpace();
            if (!peek(")")) {
                while (true) {
                    values.add(value());
                    skipSpace();
                    if (peek(")")) {
                        break;
                    }
                    expect(",");
                }
            }
            pos++;
            if (values.isEmpty()) {
                throw error("'in' and 'notin' need at least one value");
            }
            return values.stream().collect(Collectors.toUnmodifiableSet());
        }

        private String key() {
            skipSpace();
            int start = pos;
            String key = word();
            if (key.isEmpty()) {
                throw error("expected a label key");
            }
            int slash = key.indexOf('/');
            String prefix = slash < 0 ? null : key.substring(0, slash);
            String name = slash < 0 ? key : key.substring(slash + 1);
            boolean prefixOk = prefix == null || prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches();
            if (!prefixOk || name.length() > 63 || !NAME.matcher(name).matches()) {
                pos = start;
                throw error("'" + key + "' is not a valid label key");
            }
            return key;
        }

        private String value() {
            skipSpace();
            int start = pos;
            String v = word();
            if (!v.isEmpty() && (v.length() > 63 || !NAME.matcher(v).matches())) {
                pos = start;
                throw error("'" + v + "' is not a valid label value");
            }
            return v;
        }

        private String word() {
            int start = pos;
            while (pos < s.length() && " \t,()!=<>".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private boolean peek(String token) {
            return s.startsWith(token, pos);
        }

        private void expect(String token) {
            if (!peek(token)) {
                throw error("expected '" + token + "'");
            }
            pos += token.length();
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("invalid label selector \"" + s + "\": " + what + " at position " + pos);
        }
    }
}
