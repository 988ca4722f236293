package io.cairn.kube.restore.sanitize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.kube.restore.ResourceType;
import java.util.List;

/** The chain of {@link ObjectSanitizer}s a restore applies, in a fixed order. Stateless. */
public final class Sanitizer implements ObjectSanitizer {
    private final List<ObjectSanitizer> steps;

    public Sanitizer(List<ObjectSanitizer> steps) {
        this.steps = List.copyOf(steps);
    }

    /** Every concern: server fields, bindings, services, pods, jobs, mappings, then the restore labels. */
    public static Sanitizer standard() {
        return new Sanitizer(List.of(new ServerFieldsSanitizer(), new VolumeBindingSanitizer(), new ServiceSanitizer(),
                new PodSanitizer(), new JobSanitizer(), new NamespaceMappingSanitizer(),
                new StorageClassMappingSanitizer(), new RestoreLabelsSanitizer()));
    }

    @Override
    public void sanitize(ObjectNode object, ResourceType type, SanitizeContext context) {
        for (ObjectSanitizer step : steps) {
            step.sanitize(object, type, context);
        }
    }
}
