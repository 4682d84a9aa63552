package io.quantsinfra.core.job;

/** What {@link JobService#cleanup} removed: expired jobs, and other finished jobs older than the cut-off. */
public record CleanupReport(int expiredRemoved, int finishedRemoved) {}
