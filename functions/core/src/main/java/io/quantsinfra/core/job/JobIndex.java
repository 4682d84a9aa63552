package io.quantsinfra.core.job;

/**
 * The sort keys of the job indexes, shared by every {@link JobStore} so that they order alike: ready entries by
 * priority (URGENT first), then publish time, then id; expiry entries by expiry time.
 */
public final class JobIndex {
    private JobIndex() {}

    /** Whether {@code job} belongs in the ready index: pending with every dependency completed. */
    public static boolean ready(Job job) {
        return job.status() == JobStatus.PENDING && job.blockedBy().isEmpty();
    }

    /** Whether {@code job} belongs in the expiry index. */
    public static boolean expiring(Job job) {
        return job.status() == JobStatus.PENDING && job.expiresAt() != null;
    }

    /** Whether {@code job} belongs in the running index. */
    public static boolean running(Job job) {
        return job.status() == JobStatus.RUNNING;
    }

    /** {@code <5 - rank>#<createdAt epoch ms, 13 digits>#<id>}: ascending order is start order. */
    public static String readyKey(Job job) {
        return (5 - job.priority().rank()) + "#" + String.format("%013d", job.createdAt().toEpochMilli()) + "#" + job.id();
    }

    /** {@code <expiresAt epoch ms, 13 digits>#<id>}. */
    public static String expiryKey(Job job) {
        return String.format("%013d", job.expiresAt().toEpochMilli()) + "#" + job.id();
    }

    /** The expiry key bound for "expired at or before {@code now}" (every key at or below it). */
    public static String expiryBound(java.time.Instant now) {
        return String.format("%013d", now.toEpochMilli()) + "#~";
    }
}
