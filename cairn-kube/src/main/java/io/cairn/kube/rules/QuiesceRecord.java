package io.cairn.kube.rules;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The durable record of one backup's quiesced pods, kept in the cluster from before the first pre action until
 * every pod is released, so that a restarted Cairn can release what a crashed one froze.
 *
 * @param backup  the backup's name
 * @param created when the record was first written
 * @param holder  which process froze them (host and pid), for humans
 * @param pods    pods whose pre actions may have started and that are not released yet, with their post actions
 */
public record QuiesceRecord(String backup, OffsetDateTime created, String holder, List<RecordedPod> pods) {
    public QuiesceRecord {
        pods = pods == null ? List.of() : List.copyOf(pods);
    }

    public QuiesceRecord withPods(List<RecordedPod> value) {
        return new QuiesceRecord(backup, created, holder, value);
    }

    /** One pod to release and how. */
    public record RecordedPod(String rule, String namespace, String pod, String container, List<RecordedAction> post) {
        public RecordedPod {
            post = post == null ? List.of() : List.copyOf(post);
        }

        PodRef ref() {
            return new PodRef(namespace, pod);
        }
    }

    /** A post action as stored (timeouts in milliseconds). */
    public record RecordedAction(List<String> command, String container, long timeoutMillis, Action.OnError onError) {
        static RecordedAction of(Action a) {
            return new RecordedAction(a.command(), a.container(), a.timeout().toMillis(), a.onError());
        }

        Action toAction() {
            return new Action(command, container, java.time.Duration.ofMillis(timeoutMillis), onError, null, false,
                    null, null);
        }
    }
}
