package io.quantsinfra.core.job;

import java.util.Map;

/**
 * Seed 002's {@code get_stats()}: totals by status and priority, the number expired, the average completion time
 * (publish to completion, over completed jobs), plus wait and run percentiles per definition.
 *
 * @param total every stored job
 * @param byStatus count per status (every status present, zero included)
 * @param byPriority count per priority (every priority present)
 * @param expired jobs that expired without running
 * @param averageCompletionSeconds mean publish-to-completion of completed jobs; {@code null} when none completed
 * @param definitions per definition name
 */
public record JobStats(long total, Map<JobStatus, Long> byStatus, Map<JobPriority, Long> byPriority, long expired,
                       Double averageCompletionSeconds, Map<String, DefinitionStats> definitions) {

    /**
     * Per definition: job count, and nearest-rank p50/p95 of wait (publish to first claim) and run (container
     * start to stop of the last attempt) in seconds; {@code null} when no job has the measure.
     */
    public record DefinitionStats(long jobs, Double waitP50Seconds, Double waitP95Seconds, Double runP50Seconds,
                                  Double runP95Seconds) {}
}
