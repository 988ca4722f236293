package io.cairn.kube.selection;

import java.util.regex.Pattern;

/**
 * A shell-style glob as Velero's include/exclude flags take them: {@code *} (any run of characters),
 * {@code ?} (one character), {@code [abc]}, {@code [a-z]}, {@code [!abc]} / {@code [^abc]}. Everything else
 * matches itself. Used for namespace include/exclude lists of both backups and restores. Immutable.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;
    private final boolean literal;

    private Glob(String text, Pattern pattern, boolean literal) {
        this.text = text;
        this.pattern = pattern;
        this.literal = literal;
    }

    /** Compiles a glob; throws {@link InvalidRequestException} for an empty glob or an unclosed bracket. */
    public static Glob compile(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new InvalidRequestException("empty pattern");
        }
        StringBuilder re = new StringBuilder();
        boolean literal = true;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    re.append(".*");
                    literal = false;
                }
                case '?' -> {
                    re.append('.');
                    literal = false;
                }
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new InvalidRequestException("pattern", glob, "unclosed '[' at position " + (i + 1));
                    }
                    String body = glob.substring(i + 1, end);
                    boolean negate = body.startsWith("!") || body.startsWith("^");
                    if (negate) {
                        body = body.substring(1);
                    }
                    if (body.isEmpty()) {
                        throw new InvalidRequestException("pattern", glob, "empty character class");
                    }
                    re.append('[').append(negate ? "^" : "");
                    for (char b : body.toCharArray()) {
                        re.append(b == '-' || Character.isLetterOrDigit(b) ? String.valueOf(b) : "\\" + b);
                    }
                    re.append(']');
                    literal = false;
                    i = end;
                }
                case ']' -> throw new InvalidRequestException("pattern", glob, "unmatched ']'");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return new Glob(glob, Pattern.compile(re.toString()), literal);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new InvalidRequestException("pattern", glob, e.getDescription());
        }
    }

    public boolean matches(String s) {
        return s != null && pattern.matcher(s).matches();
    }

    /** True when the glob has no wildcard: it names exactly one thing (and a missing thing deserves a warning). */
    public boolean isLiteral() {
        return literal;
    }

    @Override
    public String toString() {
        return text;
    }
}
