package io.quantsinfra.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A job being changed: the next version of {@code from}, with {@code updatedAt} set when built. */
final class Mutable {
    final Job from;
    JobStatus status;
    String reason;
    Instant notBefore;
    Instant finishedAt;
    List<String> blockedBy;
    List<Attempt> attempts;
    int roundStart;

    Mutable(Job from) {
        this.from = from;
        this.status = from.status();
        this.reason = from.reason();
        this.notBefore = from.notBefore();
        this.finishedAt = from.finishedAt();
        this.blockedBy = new ArrayList<>(from.blockedBy());
        this.attempts = new ArrayList<>(from.attempts());
        this.roundStart = from.roundStart();
    }

    Mutable finish(JobStatus s, String why, Instant now) {
        status = s;
        reason = JobLimits.reason(why);
        finishedAt = now;
        notBefore = null;
        return this;
    }

    Mutable replaceLast(Attempt a) {
        attempts.set(attempts.size() - 1, a);
        return this;
    }

    Mutable add(Attempt a) {
        attempts.add(a);
        while (attempts.size() > JobLimits.MAX_ATTEMPTS_KEPT) {
            attempts.removeFirst();
            roundStart = Math.max(0, roundStart - 1);
        }
        return this;
    }

    Job build(Instant now) {
        Job j = from;
        return new Job(j.id(), j.definition(), j.payload(), j.priority(), j.tags(), j.timeout(), j.expiresAt(),
                j.dependsOn(), blockedBy, j.maxRetries(), roundStart, j.idempotencyKey(), status, reason, notBefore,
                j.createdAt(), now, finishedAt, attempts, j.version() + 1);
    }

    static Duration since(Instant from, Instant now) {
        return Duration.between(from, now);
    }
}
