package io.cairn.kube.restore;

import java.time.Duration;
import java.util.Set;

/** Progress of a restore, for the CLI to render; every method has a do-nothing default. Called on the restoring thread. */
public interface RestoreListener {
    RestoreListener NONE = new RestoreListener() {
    };

    /** Called once each object has its result. */
    default void objectDone(ObjectResult result) {
    }

    /** Called before waiting for CRDs to become established. */
    default void waitingForCrds(Set<String> crdNames, Duration timeout) {
    }
}
