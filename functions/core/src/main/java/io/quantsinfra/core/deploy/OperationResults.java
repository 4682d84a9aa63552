package io.quantsinfra.core.deploy;

import java.util.List;

/** Results of the lifecycle operations other than deploy. */
public final class OperationResults {
    private OperationResults() {}

    /** start, stop or restart of one instance. */
    public record ActionResult(String instance, String action, int desired, String message) {}

    /** scale of a service to {@code count} instances. */
    public record ScaleResult(String service, int count, List<String> added, List<String> removed, String message) {
        public ScaleResult {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }
    }

    /** destroy of a service: what was removed and what was deliberately kept. */
    public record DestroyResult(String service, List<String> removedInstances, List<String> deregisteredTaskDefinitions,
                                List<String> keptLogGroups, String message) {
        public DestroyResult {
            removedInstances = List.copyOf(removedInstances);
            deregisteredTaskDefinitions = List.copyOf(deregisteredTaskDefinitions);
            keptLogGroups = List.copyOf(keptLogGroups);
        }
    }
}
