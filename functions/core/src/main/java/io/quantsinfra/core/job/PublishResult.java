package io.quantsinfra.core.job;

import java.util.List;

/**
 * What a publish stored, in the order of the request's jobs.
 *
 * @param jobs one entry per requested job
 */
public record PublishResult(List<Published> jobs) {
    public PublishResult {
        jobs = List.copyOf(jobs);
    }

    /**
     * One requested job: its client-side {@code ref} (or {@code null}), the job, and whether it was created now
     * ({@code false}: its idempotency key had been published before and this is the first job of that key).
     */
    public record Published(String ref, Job job, boolean created) {}
}
