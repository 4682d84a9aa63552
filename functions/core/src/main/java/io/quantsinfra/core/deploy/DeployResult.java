package io.quantsinfra.core.deploy;

import java.util.List;

/**
 * What a deploy did (or, for a dry run, would do).
 *
 * @param result {@code changed}, {@code unchanged} or {@code planned} (dry run)
 */
public record DeployResult(String service, boolean dryRun, String result, String deploymentId,
                           List<InstancePlan> instances, List<StoredSecret> storedSecrets) {
    public DeployResult {
        instances = List.copyOf(instances);
        storedSecrets = List.copyOf(storedSecrets);
    }

    /** A literal from the config stored as a secret ({@code --store-secrets}); in a dry run, one that would be. */
    public record StoredSecret(String field, String secret) {}

    /**
     * One instance's part of a deploy.
     *
     * @param action create, update or unchanged
     * @param taskDefinition the task definition it runs after the deploy ({@code null} in a dry run that creates)
     * @param changes task-definition and placement differences, one line each
     * @param steps what was done, in order, for progress output
     */
    public record InstancePlan(String instance, String host, String action, String taskDefinition,
                               List<String> changes, List<String> steps) {
        public InstancePlan {
            changes = List.copyOf(changes);
            steps = List.copyOf(steps);
        }
    }
}
