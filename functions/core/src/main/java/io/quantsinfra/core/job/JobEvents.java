package io.quantsinfra.core.job;

import java.time.Clock;

/**
 * Completion from ECS: the handler of the EventBridge rule on "ECS Task State Change" events of job tasks parses
 * the event ({@link TaskReport#fromEvent}) and calls {@link #onTaskStateChange}. RUNNING records the start and the
 * log stream; STOPPED settles the attempt: exit 0 completes the job (its dependents may become ready); a non-zero
 * exit or a start failure retries it with backoff up to max_retries, then fails it and cancels its dependents
 * (transitively) with the reason. Duplicate and out-of-order events change nothing.
 *
 * {@snippet :
 * EventResult r = new JobEvents(store, runner, settings, Clock.systemUTC())
 *         .onTaskStateChange(TaskReport.fromEvent(event));
 * }
 */
public final class JobEvents {
    private final JobStore store;
    private final JobRunner runner;
    private final JobSettings settings;
    private final Clock clock;

    public JobEvents(JobStore store, JobRunner runner, JobSettings settings, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
    }

    /** Applies one task report; lost races with a dispatcher are re-read and re-applied. */
    public EventResult onTaskStateChange(TaskReport report) {
        return new Transitions(store, runner, settings, clock).onReport(report);
    }
}
