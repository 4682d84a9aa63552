package io.quantsinfra.core.health;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One deployment of an ECS service. During a rolling update the new deployment is
 * {@code PRIMARY} and the old one {@code ACTIVE}; after a circuit-breaker rollback the failed
 * deployment carries {@link RolloutState#FAILED} and a {@code rolloutStateReason} such as
 * {@code ECS deployment circuit breaker: tasks failed to start.}
 *
 * {@snippet :
 * var d = new DeploymentFacts("ecs-svc/1", DeploymentFacts.Role.PRIMARY, DeploymentFacts.RolloutState.COMPLETED,
 *         "ECS deployment ecs-svc/1 completed.", 1, 1, 0, created, updated);
 * }
 *
 * @param id deployment id, e.g. {@code ecs-svc/4972865380475911284}
 * @param role {@code PRIMARY} (newest) or {@code ACTIVE} (older, still draining)
 * @param rolloutState rollout state, or {@code null} when ECS reports none
 *     (services without the rolling-update circuit breaker on older API versions)
 * @param rolloutStateReason ECS's explanation of the rollout state, or {@code null}
 * @param desired tasks this deployment wants
 * @param running tasks of this deployment running
 * @param failedTasks tasks of this deployment that failed to reach RUNNING
 * @param createdAt when the deployment was created
 * @param updatedAt when ECS last changed it
 */
public record DeploymentFacts(String id, Role role, RolloutState rolloutState, String rolloutStateReason,
                              int desired, int running, int failedTasks, Instant createdAt, Instant updatedAt) {

    public DeploymentFacts {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
    }

    /** Whether this deployment's rollout failed (circuit breaker tripped). */
    public boolean failed() {
        return rolloutState == RolloutState.FAILED;
    }

    /** The deployment status ECS calls {@code status}. */
    public enum Role {
        PRIMARY,
        ACTIVE,
        INACTIVE;

        /** Reads the ECS string; anything unrecognised is treated as {@link #ACTIVE} (older, not primary). */
        public static Role parse(String value) {
            if (value == null) {
                return ACTIVE;
            }
            return switch (value.trim().toUpperCase(Locale.ROOT)) {
                case "PRIMARY" -> PRIMARY;
                case "INACTIVE" -> INACTIVE;
                default -> ACTIVE;
            };
        }
    }

    /** The deployment's rollout state; its {@link #value()} is the lower-case metric value. */
    public enum RolloutState {
        COMPLETED("completed"),
        IN_PROGRESS("in_progress"),
        FAILED("failed");

        private final String value;

        RolloutState(String value) {
            this.value = value;
        }

        /** Lower-case name used in the {@code rollout} metric. */
        public String value() {
            return value;
        }

        /** Reads the ECS string; {@code null} or unrecognised gives {@code null} (no rollout state). */
        public static RolloutState parse(String value) {
            if (value == null) {
                return null;
            }
            return switch (value.trim().toUpperCase(Locale.ROOT)) {
                case "COMPLETED" -> COMPLETED;
                case "IN_PROGRESS" -> IN_PROGRESS;
                case "FAILED" -> FAILED;
                default -> null;
            };
        }
    }
}
