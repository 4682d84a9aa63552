/**
 * Jobs: seed 002's task publisher as a queue whose jobs run as one-off Fargate tasks.
 *
 * <p>A {@link io.quantsinfra.core.job.JobDefinition} says what runs (image, command, size, secret references,
 * default timeout and retries); {@link io.quantsinfra.core.job.JobService#publish} validates a whole batch of
 * jobs (unknown definitions, unknown or cyclic dependencies, dependencies that can no longer complete, sizes)
 * before storing any; {@link io.quantsinfra.core.job.JobDispatcher#dispatch} expires, times out, reconciles and
 * starts ready jobs, highest priority first, claiming every attempt with a conditional write before it asks the
 * {@link io.quantsinfra.core.job.JobRunner} to start it, so an attempt starts at most once; and
 * {@link io.quantsinfra.core.job.JobEvents#onTaskStateChange} records how an attempt ended (exit code, stopped
 * reason, times, log stream), retries with backoff, or fails the job and cancels its dependents.
 *
 * <p>The ports are {@link io.quantsinfra.core.job.JobStore} (state, with the ready queue kept as an index so a
 * dispatch cycle reads what it starts rather than the whole queue) and {@link io.quantsinfra.core.job.JobRunner}
 * (ECS). Time comes from an injected {@link java.time.Clock}.
 */
package io.quantsinfra.core.job;
