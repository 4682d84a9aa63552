package io.quantsinfra.core.job;

/**
 * Where a job is. {@code PENDING} waits for its dependencies, its backoff or a free slot; {@code RUNNING} has an
 * attempt claimed or started; the rest are final until {@link JobService#retry} puts a failed, timed-out or
 * cancelled job back to {@code PENDING}.
 */
public enum JobStatus {
    PENDING, RUNNING, COMPLETED, FAILED, TIMED_OUT, CANCELLED, EXPIRED;

    /** Whether the job will not run again unless retried. */
    public boolean finished() {
        return this != PENDING && this != RUNNING;
    }

    /** Whether a job depending on one in this status can never start: everything final but COMPLETED. */
    public boolean blocksDependents() {
        return finished() && this != COMPLETED;
    }

    /** Whether {@link JobService#retry} accepts a job in this status. */
    public boolean retryable() {
        return this == FAILED || this == TIMED_OUT || this == CANCELLED;
    }
}
