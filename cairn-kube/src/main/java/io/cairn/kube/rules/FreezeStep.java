package io.cairn.kube.rules;

/** The step the freeze window wraps: taking the volume snapshots. It runs only after every pre action succeeded. */
@FunctionalInterface
public interface FreezeStep {
    void run() throws Exception;
}
