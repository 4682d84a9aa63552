package io.quantsinfra.core.health;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What ECS says about one instance's service: counts, deployments and recent events.
 *
 * {@snippet :
 * var s = new ServiceFacts("freqtrade-1", "ACTIVE", 1, 1, 0, List.of(primary), List.of());
 * }
 *
 * @param name ECS service name, which is the instance id (e.g. {@code freqtrade-1})
 * @param status ECS service status: {@code ACTIVE}, {@code DRAINING} or {@code INACTIVE}
 * @param desiredCount tasks wanted (0 = stopped instance, 1 = started)
 * @param runningCount tasks in RUNNING
 * @param pendingCount tasks in PENDING
 * @param deployments current deployments, primary first as ECS returns them
 * @param events recent service events, in any order
 */
public record ServiceFacts(String name, String status, int desiredCount, int runningCount, int pendingCount,
                           List<DeploymentFacts> deployments, List<ServiceEventFacts> events) {

    public ServiceFacts {
        Objects.requireNonNull(name, "name");
        status = status == null ? "ACTIVE" : status;
        deployments = List.copyOf(deployments);
        events = List.copyOf(events);
    }

    /** The {@code PRIMARY} deployment, if ECS reports one. */
    public Optional<DeploymentFacts> primary() {
        return deployments.stream().filter(d -> d.role() == DeploymentFacts.Role.PRIMARY).findFirst();
    }

    /** Deployments that are not {@code INACTIVE}: two or more means a rollout is replacing tasks. */
    public List<DeploymentFacts> liveDeployments() {
        return deployments.stream().filter(d -> d.role() != DeploymentFacts.Role.INACTIVE).toList();
    }

    /** The newest event, if any. */
    public Optional<ServiceEventFacts> latestEvent() {
        return events.stream().max(Comparator.comparing(ServiceEventFacts::createdAt));
    }
}
