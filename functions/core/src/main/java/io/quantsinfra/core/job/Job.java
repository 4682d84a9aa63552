package io.quantsinfra.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A published job and everything that happened to it. Immutable; every change is a new value with
 * {@link #version()} one higher, stored conditionally on the previous version.
 *
 * @param id time-ordered id (26 lowercase base32 characters), assigned at publish
 * @param definition the {@link JobDefinition} name
 * @param payload canonical JSON (keys sorted), given to the container as {@value JobLimits#PAYLOAD_VARIABLE}
 * @param priority start order: higher first
 * @param tags free labels for listing (seed 002's {@code tags=["analysis"]})
 * @param timeout how long one attempt may run before it is stopped
 * @param expiresAt when a job still pending becomes EXPIRED without running; {@code null}: never
 * @param dependsOn ids of the jobs that must complete first
 * @param blockedBy the subset of {@link #dependsOn()} not completed yet; the job is ready when it is empty
 * @param maxRetries attempts after the first one that a failure, start failure or timeout may use
 * @param roundStart attempts made before the current round (0, or the count when {@link JobService#retry} requeued it)
 * @param idempotencyKey publishing the same key again returns this job; {@code null}: none
 * @param status where the job is
 * @param reason why it is FAILED, TIMED_OUT, CANCELLED or EXPIRED (bounded text); {@code null} otherwise
 * @param notBefore a retried job waits for its backoff until then; {@code null}: no wait
 * @param createdAt when it was published
 * @param updatedAt the last change
 * @param finishedAt when it reached a final status; {@code null} while pending or running
 * @param attempts every attempt, oldest first (kept across {@link JobService#retry})
 * @param version 1 when published, +1 per change
 */
public record Job(
        String id,
        String definition,
        String payload,
        JobPriority priority,
        List<String> tags,
        Duration timeout,
        Instant expiresAt,
        List<String> dependsOn,
        List<String> blockedBy,
        int maxRetries,
        int roundStart,
        String idempotencyKey,
        JobStatus status,
        String reason,
        Instant notBefore,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        List<Attempt> attempts,
        long version) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        tags = List.copyOf(tags);
        dependsOn = List.copyOf(dependsOn);
        blockedBy = blockedBy.stream().sorted().distinct().toList();
        attempts = List.copyOf(attempts);
    }

    /** The latest attempt, if any. */
    public Optional<Attempt> lastAttempt() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.getLast());
    }

    /** Whether the dispatcher may start it at {@code now}: pending, unblocked, out of backoff and not expired. */
    public boolean readyAt(Instant now) {
        return status == JobStatus.PENDING && blockedBy.isEmpty()
                && (notBefore == null || !notBefore.isAfter(now))
                && (expiresAt == null || expiresAt.isAfter(now));
    }

    /** Whether it is still pending past its expiry. */
    public boolean expiredAt(Instant now) {
        return status == JobStatus.PENDING && expiresAt != null && !expiresAt.isAfter(now);
    }

    /** Attempts used since the job was last (re)queued by publish or {@link JobService#retry}. */
    public int attemptsThisRound() {
        return attempts.size() - roundStart;
    }

    /** Time from publish to the first attempt's claim, if it has been claimed. */
    public Optional<Duration> waitTime() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(Duration.between(createdAt, attempts.getFirst().claimedAt()));
    }

    /** Run time of the last attempt, when ECS reported both its start and stop. */
    public Optional<Duration> runTime() {
        return lastAttempt().filter(a -> a.startedAt() != null && a.stoppedAt() != null)
                .map(a -> Duration.between(a.startedAt(), a.stoppedAt()));
    }
}
