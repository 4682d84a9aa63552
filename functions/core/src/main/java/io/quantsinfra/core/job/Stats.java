package io.quantsinfra.core.job;

import java.util.List;

/** Computes {@link JobStats}. */
final class Stats {
    private Stats() {}

    static JobStats of(List<Job> jobs) {
        throw new UnsupportedOperationException("in progress");
    }
}
