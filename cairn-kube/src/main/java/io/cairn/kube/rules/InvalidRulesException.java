package io.cairn.kube.rules;

import java.util.List;

/** A rules file or hook annotation that cannot be used; one problem per malformed field ("rules.yaml:7: ..."). */
public class InvalidRulesException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidRulesException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
