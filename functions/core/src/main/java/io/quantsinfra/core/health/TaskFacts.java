package io.quantsinfra.core.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One ECS task of an instance, running or recently stopped (ECS keeps stopped tasks visible for
 * about an hour, which is what {@code restarts_1h} counts over).
 *
 * {@snippet :
 * boolean counts = task.restartWithin(now.minus(Duration.ofHours(1)), now);
 * }
 *
 * @param taskArn task ARN
 * @param lastStatus ECS last status ({@code PROVISIONING}, {@code PENDING}, {@code RUNNING}, ..., {@code STOPPED})
 * @param desiredStatus ECS desired status ({@code RUNNING} or {@code STOPPED})
 * @param healthStatus task health, the aggregate of its essential containers' health checks
 * @param startedAt when the task reached RUNNING, else {@code null}
 * @param stoppedAt when the task reached STOPPED, else {@code null}
 * @param stoppedReason ECS text such as {@code Essential container in task exited}, else {@code null}
 * @param stopCode ECS stop code such as {@code EssentialContainerExited} or {@code UserInitiated}, else {@code null}
 * @param containers the task's containers
 */
public record TaskFacts(String taskArn, String lastStatus, String desiredStatus, ContainerHealth healthStatus,
                        Instant startedAt, Instant stoppedAt, String stoppedReason, String stopCode,
                        List<ContainerFacts> containers) {

    /** Stop code ECS sets when someone called StopTask. */
    static final String USER_INITIATED = "UserInitiated";
    /** Prefix of the reason ECS gives when a service scales in or a deployment replaces a task. */
    static final String SCALING_ACTIVITY = "Scaling activity initiated by";

    public TaskFacts {
        Objects.requireNonNull(taskArn, "taskArn");
        healthStatus = healthStatus == null ? ContainerHealth.UNKNOWN : healthStatus;
        containers = List.copyOf(containers);
    }

    /** Whether ECS reports the task as RUNNING. */
    public boolean running() {
        return "RUNNING".equals(lastStatus);
    }

    /** Whether the task has stopped. */
    public boolean stopped() {
        return "STOPPED".equals(lastStatus) || stoppedAt != null;
    }

    /**
     * Whether the task was stopped on purpose: by a user ({@code UserInitiated}) or by the service
     * scheduler scaling in or replacing it during a deployment ({@code Scaling activity initiated by ...}).
     * Everything else (exits, failures to start, failed health checks, Fargate interruptions)
     * is a restart.
     */
    public boolean stoppedDeliberately() {
        return USER_INITIATED.equals(stopCode)
                || (stoppedReason != null && stoppedReason.startsWith(SCALING_ACTIVITY));
    }

    /** Whether this task is a restart that stopped in {@code (from, to]}. */
    public boolean restartWithin(Instant from, Instant to) {
        return stoppedAt != null && stoppedAt.isAfter(from) && !stoppedAt.isAfter(to) && !stoppedDeliberately();
    }

    /** The task id, the last segment of the ARN. */
    public String id() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    /** The first container whose health check reports UNHEALTHY. */
    public Optional<ContainerFacts> unhealthyContainer() {
        return containers.stream().filter(c -> c.healthStatus() == ContainerHealth.UNHEALTHY).findFirst();
    }

    /**
     * Why the task stopped, for a person: the ECS reason plus the first container that failed,
     * e.g. {@code Essential container in task exited (container freqtrade exit code 2)}.
     */
    public String stopSummary() {
        String base = stoppedReason == null || stoppedReason.isBlank()
                ? (stopCode == null ? "no reason given" : stopCode) : stoppedReason;
        return containers.stream()
                .map(c -> describe(c, base))
                .filter(d -> !d.isEmpty())
                .findFirst()
                .map(d -> base + " (" + d + ")")
                .orElse(base);
    }

    /** {@code container freqtrade exit code 2: reason}, or empty when the container did not fail. */
    private static String describe(ContainerFacts c, String taskReason) {
        boolean exited = c.exitCode() != null && c.exitCode() != 0;
        // ECS often copies the container's reason into the task's; say it once.
        boolean newReason = c.reason() != null && !taskReason.contains(c.reason());
        if (!exited && !newReason) {
            return "";
        }
        StringBuilder s = new StringBuilder("container ").append(c.name());
        if (c.exitCode() != null) {
            s.append(" exit code ").append(c.exitCode());
        }
        if (newReason) {
            s.append(": ").append(c.reason());
        }
        return s.toString();
    }
}
