package io.quantsinfra.aws.ecs;

import io.quantsinfra.core.deploy.InstanceState.Rollout;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Reads a service's rollout from its deployments. When the circuit breaker trips, ECS marks the bad deployment
 * FAILED (no longer PRIMARY) and starts a rollback deployment as PRIMARY whose reason says it is rolling back:
 * either sign means the rollout failed, and the failed deployment's reason is reported.
 */
final class EcsRollout {
    static final String ROLLING_BACK = "ECS deployment circuit breaker: rolling back";

    private EcsRollout() {}

    static Rollout of(Service s) {
        Optional<Deployment> failed = s.deployments().stream()
                .filter(d -> d.rolloutState() == DeploymentRolloutState.FAILED).findFirst();
        Optional<Deployment> primary = s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
        boolean rollingBack = primary.map(d -> d.rolloutStateReason() != null && d.rolloutStateReason().startsWith(ROLLING_BACK))
                .orElse(false);
        if (failed.isPresent() || rollingBack) {
            String reason = failed.map(Deployment::rolloutStateReason)
                    .or(() -> primary.map(Deployment::rolloutStateReason)).orElse("");
            return new Rollout("failed", reason == null ? "" : reason);
        }
        if (primary.isEmpty()) {
            return Rollout.NONE;
        }
        Deployment d = primary.get();
        String reason = d.rolloutStateReason() == null ? "" : d.rolloutStateReason();
        DeploymentRolloutState state = d.rolloutState();
        if (state == null || state == DeploymentRolloutState.UNKNOWN_TO_SDK_VERSION) {
            return new Rollout(d.runningCount() != null && d.runningCount().equals(d.desiredCount())
                    ? "completed" : "in_progress", reason);
        }
        if (state == DeploymentRolloutState.COMPLETED && s.deployments().size() == 1) {
            return new Rollout("completed", reason);
        }
        return new Rollout("in_progress", reason);
    }
}
