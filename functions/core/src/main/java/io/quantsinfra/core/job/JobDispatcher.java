package io.quantsinfra.core.job;

import java.time.Clock;

/**
 * One dispatch cycle, run by the scheduled Lambda every minute and right after a publish: expires pending jobs past
 * their expiry, stops attempts past their timeout (TIMED_OUT, then retry or fail), settles running attempts from
 * DescribeTasks whose event was lost, and starts ready jobs, highest priority first then oldest, up to
 * {@link JobSettings#concurrency()} running at once.
 *
 * <p>Each start is claimed first by a conditional write (PENDING version n → RUNNING version n+1 with a new
 * CLAIMED attempt), so of overlapping dispatchers exactly one starts an attempt; RunTask then carries the
 * attempt's client token, so a dispatcher that crashed between claim and answer and a later one re-asking
 * ({@link JobSettings#claimGrace()}) get the same task.
 *
 * {@snippet :
 * DispatchReport r = new JobDispatcher(store, runner, settings, Clock.systemUTC()).dispatch();
 * }
 */
public final class JobDispatcher {
    private final JobStore store;
    private final JobRunner runner;
    private final JobSettings settings;
    private final Clock clock;

    public JobDispatcher(JobStore store, JobRunner runner, JobSettings settings, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs one cycle. AWS failures of single jobs are counted, not thrown; a failing store throws. */
    public DispatchReport dispatch() {
        return new DispatchCycle(store, runner, settings, clock).run(null);
    }

    /**
     * Runs one cycle that starts no task once {@code deadline} has passed (the Lambda's remaining time less a
     * margin): the ready jobs it leaves are counted in {@link DispatchReport#left()} and started by the next cycle.
     * Expiry, timeouts and reconciliation always run.
     */
    public DispatchReport dispatch(java.time.Instant deadline) {
        return new DispatchCycle(store, runner, settings, clock).run(deadline);
    }
}
