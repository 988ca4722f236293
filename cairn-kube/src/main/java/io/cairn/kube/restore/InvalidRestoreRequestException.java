package io.cairn.kube.restore;

import java.util.List;

/** A restore request that cannot be run as given; the message names every problem and the flag it came from. */
public class InvalidRestoreRequestException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidRestoreRequestException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
