package io.cairn.cli;

import picocli.CommandLine.Option;

/** {@code -o/--output text|json} for list and describe commands. */
public final class OutputFormat {
    public enum Format { text, json }

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text",
            description = "Output format: text (default) or json.")
    Format format;

    public boolean json() {
        return format == Format.json;
    }
}
