package io.quantsinfra.core.health;

import java.util.Objects;

/**
 * One container of a task, as ECS describes it.
 *
 * {@snippet :
 * var c = new ContainerFacts("freqtrade", "STOPPED", ContainerHealth.UNKNOWN, 1, null);
 * }
 *
 * @param name container name from the task definition
 * @param lastStatus ECS last status, e.g. {@code RUNNING}, {@code STOPPED}; may be {@code null}
 * @param healthStatus result of the container health check
 * @param exitCode exit code once the container stopped, else {@code null}
 * @param reason ECS reason for a stop or failure to start (e.g. {@code CannotPullContainerError: ...}),
 *     else {@code null}
 */
public record ContainerFacts(String name, String lastStatus, ContainerHealth healthStatus, Integer exitCode,
                             String reason) {

    public ContainerFacts {
        Objects.requireNonNull(name, "name");
        healthStatus = healthStatus == null ? ContainerHealth.UNKNOWN : healthStatus;
    }
}
