package io.quantsinfra.core.job;

import io.quantsinfra.core.deploy.TaskSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Port: where job tasks run (ECS Fargate in the configured subnets and security groups).
 */
public interface JobRunner {

    /** Registers a new revision of {@code spec.family()}; returns its ARN. */
    String register(TaskSpec spec);

    /**
     * Starts one task of {@code taskDefinitionArn} for attempt {@code attempt} of {@code job}: container
     * {@value JobDefinition#CONTAINER} gets {@code environment} as overrides, the task is started by
     * {@link Attempt#startedBy} with client token {@link Attempt#clientToken} (a repeated call for the same attempt
     * returns the same task) and tagged with the job id, attempt and definition.
     */
    RunResult run(String taskDefinitionArn, Job job, int attempt, Map<String, String> environment);

    /**
     * The task already started for attempt {@code attempt} of job {@code jobId} (found by its {@code startedBy}), if
     * any: a dispatcher that claimed an attempt and died before recording RunTask's answer left it so.
     */
    java.util.Optional<String> find(String jobId, int attempt);

    /** Stops a task (already stopped or gone is fine). */
    void stop(String taskArn, String reason);

    /** What ECS knows of these tasks; a task it no longer knows comes back with status {@link TaskReport#MISSING}. */
    List<TaskReport> describe(Collection<String> taskArns);

    /** The awslogs stream of the job container of task {@code taskId} of a job of {@code definition}. */
    static String logStream(String definition, String taskId) {
        return definition + "/" + JobDefinition.CONTAINER + "/" + taskId;
    }

    /** RunTask's answer. */
    sealed interface RunResult permits Started, Refused {}

    /** ECS accepted the task. */
    record Started(String taskArn) implements RunResult {}

    /**
     * ECS refused to start it (e.g. a RESOURCE:MEMORY failure, an image it cannot pull); {@code reason} is ECS's
     * text. An AWS error (throttling, access denied) is thrown instead, and the claim is retried next cycle.
     */
    record Refused(String reason) implements RunResult {}
}
