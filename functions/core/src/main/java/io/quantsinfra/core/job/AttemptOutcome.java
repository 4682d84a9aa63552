package io.quantsinfra.core.job;

/**
 * How one attempt of a job ended. {@code CLAIMED}: a dispatcher won the conditional write and is starting the
 * task; {@code RUNNING}: ECS accepted it; the others are final.
 */
public enum AttemptOutcome {
    CLAIMED, RUNNING, SUCCEEDED, FAILED, START_FAILED, TIMED_OUT, CANCELLED;

    /** Whether the attempt still occupies a slot. */
    public boolean active() {
        return this == CLAIMED || this == RUNNING;
    }
}
