package io.quantsinfra.core.deploy;

/**
 * What the platform says about one instance now.
 *
 * @param spec the task spec read back from its current task definition
 * @param rollout state of its primary deployment
 */
public record InstanceState(
        InstanceId id,
        ContainerPlatform.TaskDefinitionRef taskDefinition,
        TaskSpec spec,
        Placement placement,
        int desired,
        int running,
        int pending,
        Rollout rollout) {

    /** The primary deployment's rollout: {@code state} is completed, in_progress, failed or none. */
    public record Rollout(String state, String reason) {
        public static final Rollout NONE = new Rollout("none", "");

        public boolean failed() {
            return "failed".equals(state);
        }

        public boolean completed() {
            return "completed".equals(state) || "none".equals(state);
        }
    }
}
