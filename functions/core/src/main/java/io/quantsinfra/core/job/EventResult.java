package io.quantsinfra.core.job;

/**
 * What {@link JobEvents#onTaskStateChange} made of one ECS event.
 *
 * @param outcome the kind of change
 * @param jobId the job the task belongs to, or {@code null} when it is not a job task
 * @param status the job's status afterwards, or {@code null}
 */
public record EventResult(Outcome outcome, String jobId, JobStatus status) {

    /** Closed set of things an event can do. */
    public enum Outcome {
        /** Not a job task (no {@code startedBy} of ours). */
        IGNORED,
        /** A job task we have no record of (cleaned up, or never stored). */
        UNKNOWN_JOB,
        /** Already recorded, or about an older attempt: nothing changed. */
        DUPLICATE,
        /** The task started running: the attempt's start time and log stream recorded. */
        STARTED,
        /** The attempt ended and the job completed, is retried, or failed. */
        SETTLED,
        /** Not a status we act on (PROVISIONING, PENDING, DEPROVISIONING…). */
        NO_CHANGE
    }
}
