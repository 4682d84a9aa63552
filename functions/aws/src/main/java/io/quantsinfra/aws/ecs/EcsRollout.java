package io.quantsinfra.aws.ecs;

import io.quantsinfra.core.deploy.InstanceState.Rollout;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;

/** Reads a service's rollout from its PRIMARY deployment (the circuit breaker marks it FAILED). */
final class EcsRollout {
    private EcsRollout() {}

    static Rollout of(Service s) {
        for (Deployment d : s.deployments()) {
            if ("PRIMARY".equals(d.status())) {
                DeploymentRolloutState state = d.rolloutState();
                String reason = d.rolloutStateReason() == null ? "" : d.rolloutStateReason();
                if (state == null || state == DeploymentRolloutState.UNKNOWN_TO_SDK_VERSION) {
                    return new Rollout(d.runningCount() != null && d.runningCount().equals(d.desiredCount())
                            ? "completed" : "in_progress", reason);
                }
                return switch (state) {
                    case COMPLETED -> s.deployments().size() > 1 ? new Rollout("in_progress", reason)
                            : new Rollout("completed", reason);
                    case FAILED -> new Rollout("failed", reason);
                    default -> new Rollout("in_progress", reason);
                };
            }
        }
        return Rollout.NONE;
    }
}
