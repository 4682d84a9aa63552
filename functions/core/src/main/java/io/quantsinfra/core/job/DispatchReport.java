package io.quantsinfra.core.job;

import java.util.List;

/**
 * What one dispatch cycle did.
 *
 * @param expired pending jobs moved to EXPIRED
 * @param timedOut running attempts stopped for their timeout
 * @param reconciled running attempts settled from DescribeTasks (their event was lost or late)
 * @param started ids of the jobs whose attempt this cycle started, in start order
 * @param startFailed attempts RunTask refused (retried with backoff or failed)
 * @param lostRaces claims another dispatcher won first (not an error: that one starts the job)
 * @param running attempts occupying a slot after the cycle
 * @param left ready jobs the cycle read but did not start because its deadline passed (the next cycle starts them)
 */
public record DispatchReport(int expired, int timedOut, int reconciled, List<String> started, int startFailed,
                             int lostRaces, int running, int left) {
    public DispatchReport {
        started = List.copyOf(started);
    }
}
