package io.quantsinfra.core.job;

import java.time.Clock;

/** One dispatch cycle's steps. */
final class DispatchCycle {
    private final JobStore store;
    private final JobRunner runner;
    private final JobSettings settings;
    private final Clock clock;

    DispatchCycle(JobStore store, JobRunner runner, JobSettings settings, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
    }

    DispatchReport run() {
        throw new UnsupportedOperationException("in progress");
    }
}
