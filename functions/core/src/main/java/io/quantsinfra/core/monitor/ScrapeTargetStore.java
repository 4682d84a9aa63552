package io.quantsinfra.core.monitor;

import java.util.List;

/** Port: where the monitor's scrape targets are kept (DynamoDB on AWS), one per job name. */
public interface ScrapeTargetStore {
    /** Every stored target, sorted by job name. */
    List<ScrapeTarget> all();

    /** Adds or replaces the target of {@code target.jobName()}. */
    void put(ScrapeTarget target);

    /** Removes a job; false when there was none. */
    boolean remove(String jobName);
}
