package io.quantsinfra.core.job;

import java.time.Instant;

/**
 * One attempt to run a job: numbered from 1, started as at most one ECS task (claimed by a conditional write,
 * started with {@link #clientToken()} so a retried RunTask returns the same task).
 *
 * @param number 1 for the first attempt
 * @param outcome where the attempt is
 * @param taskArn the ECS task, once RunTask answered
 * @param claimedAt when a dispatcher claimed it
 * @param startedAt when the container started (from ECS), or {@code null}
 * @param stoppedAt when the task stopped (from ECS), or when the attempt was settled without a task
 * @param exitCode the job container's exit code, when it ran
 * @param reason ECS's stopped reason, the container's reason, or ours (timeout, cancel, start failure); bounded
 * @param logStream the CloudWatch Logs stream of the job container, once the task is known
 * @param logUrl a CloudWatch console link to {@link #logStream()}
 */
public record Attempt(
        int number,
        AttemptOutcome outcome,
        String taskArn,
        Instant claimedAt,
        Instant startedAt,
        Instant stoppedAt,
        Integer exitCode,
        String reason,
        String logStream,
        String logUrl) {

    /** {@code <jobId>-<number>}: RunTask's idempotency token for this attempt (at most 64 characters). */
    public static String clientToken(String jobId, int number) {
        return jobId + "-" + number;
    }

    /** {@code job/<jobId>/<number>}: RunTask's {@code startedBy}, by which an ECS event is matched to its attempt. */
    public static String startedBy(String jobId, int number) {
        return "job/" + jobId + "/" + number;
    }

    Attempt withOutcome(AttemptOutcome o, Instant stopped, Integer exit, String why) {
        return new Attempt(number, o, taskArn, claimedAt, startedAt, stopped, exit, why, logStream, logUrl);
    }
}
