package io.cairn.kube.restore.filter;

import java.util.regex.Pattern;

/**
 * A shell-style name pattern: {@code *} any run of characters, {@code ?} one character, {@code [abc]},
 * {@code [a-z]} and {@code [!abc]} character classes; everything else literal. Immutable.
 */
public final class Glob {
    private final String pattern;
    private final Pattern regex;

    private Glob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /** Compiles a pattern; {@link IllegalArgumentException} for an unclosed or empty {@code [}. */
    public static Glob compile(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int end = pattern.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("invalid pattern \"" + pattern + "\": unclosed '['");
                    }
                    String cls = pattern.substring(i + 1, end);
                    boolean negate = cls.startsWith("!") || cls.startsWith("^");
                    re.append('[').append(negate ? "^" : "");
                    for (char k : (negate ? cls.substring(1) : cls).toCharArray()) {
                        if ("\\[]^&".indexOf(k) >= 0) {
                            re.append('\\');
                        }
                        re.append(k);
                    }
                    re.append(']');
                    i = end;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return new Glob(pattern, Pattern.compile(re.toString()));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid pattern \"" + pattern + "\": bad character class");
        }
    }

    public boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
