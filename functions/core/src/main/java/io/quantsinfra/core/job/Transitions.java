package io.quantsinfra.core.job;

import java.time.Clock;
import java.time.Duration;

/** State changes of jobs shared by the service, the dispatcher and the event handler. */
final class Transitions {
    private final JobStore store;
    private final JobRunner runner;
    private final JobSettings settings;
    private final Clock clock;

    Transitions(JobStore store, JobRunner runner, JobSettings settings, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
    }

    Job cancel(Job job, String reason) {
        throw new UnsupportedOperationException("in progress");
    }

    Job retry(Job job) {
        throw new UnsupportedOperationException("in progress");
    }

    CleanupReport cleanup(Duration olderThan) {
        throw new UnsupportedOperationException("in progress");
    }

    EventResult onReport(TaskReport report) {
        throw new UnsupportedOperationException("in progress");
    }
}
