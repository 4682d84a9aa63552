package io.quantsinfra.core.job;

import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.secret.SecretResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The job queue's operations for the API: define, publish, query, cancel, retry, cleanup, stats. Documents come
 * as parsed JSON (maps, lists, strings, numbers, booleans); each is validated whole and every problem reported at
 * once ({@link io.quantsinfra.core.error.InvalidInputException}, 400) before anything is stored.
 *
 * {@snippet :
 * JobService jobs = new JobService(store, runner, secrets, platform, settings, Clock.systemUTC());
 * PublishResult r = jobs.publish(Map.of("jobs", List.of(
 *         Map.of("ref", "fetch", "name", "fetch-data"),
 *         Map.of("ref", "analyse", "name", "analyse", "depends_on", List.of("fetch")))));
 * }
 */
public final class JobService {
    private final JobStore store;
    private final JobRunner runner;
    private final SecretResolver secrets;
    private final PlatformContext platform;
    private final JobSettings settings;
    private final Clock clock;

    /**
     * @param store job state
     * @param runner registers task definitions and stops tasks (cancel)
     * @param secrets turns {@code {secretRef, jsonKey}} into ECS {@code valueFrom} (and checks the secret exists)
     * @param platform the account's log group prefix and collector EFS (the freqtrade presets mount it)
     * @param settings queue behaviour
     * @param clock time
     */
    public JobService(JobStore store, JobRunner runner, SecretResolver secrets, PlatformContext platform,
                      JobSettings settings, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.secrets = secrets;
        this.platform = platform;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Creates or updates a definition and registers its task definition revision. Document:
     * {@code {"name", "preset"?, "image"?, "command"?, "entry_point"?, "cpu"?, "memory"?, "environment"?,
     * "secrets"? {VAR: {"secretRef", "jsonKey"?}}, "timeout"?, "max_retries"?}}. 400 on bad input, 404 when a
     * referenced secret does not exist.
     */
    public JobDefinition define(Map<String, Object> document) {
        return Definitions.define(document, store, runner, secrets, platform, settings, clock);
    }

    /** Every definition, by name. */
    public List<JobDefinition> definitions() {
        return store.definitions();
    }

    /** One definition; NotFoundException (404) when not defined. */
    public JobDefinition definition(String name) {
        return store.definition(name).orElseThrow(() -> new io.quantsinfra.core.error.NotFoundException(
                "no job definition named '" + Publisher.bounded(name) + "'"));
    }

    /**
     * Publishes one job ({@code {"name", …}}) or several that may depend on each other
     * ({@code {"jobs": [{"ref": "fetch", "name", …}, {"name", "depends_on": ["fetch"]}]}}). Job fields:
     * {@code name} (the definition), {@code payload} (any JSON), {@code priority} (LOW/NORMAL/HIGH/URGENT or 1-4),
     * {@code tags}, {@code timeout} and {@code expires_in} (seconds, or "90s"/"30m"/"2h"/"1d"), {@code depends_on}
     * (job ids or refs of this batch), {@code max_retries}, {@code idempotency_key}, {@code ref}. 400 with every
     * problem when anything is wrong, nothing stored.
     */
    public PublishResult publish(Map<String, Object> document) {
        return new Publisher(store, settings, clock).publish(document);
    }

    /** One job with its attempts; NotFoundException (404) when there is none. */
    public Job get(String id) {
        return store.get(id).orElseThrow(() -> new io.quantsinfra.core.error.NotFoundException(
                "no job with id '" + Publisher.bounded(id) + "'"));
    }

    /** A page of jobs matching {@code query}, newest first. */
    public JobPage list(JobQuery query) {
        return store.list(query);
    }

    /** Up to {@code limit} (1-500) jobs that would start now, in start order (seed 002's {@code get_ready_tasks}). */
    public List<Job> ready(int limit) {
        if (limit < 1 || limit > JobLimits.MAX_PAGE) {
            throw new io.quantsinfra.core.error.InvalidInputException("limit", "must be between 1 and " + JobLimits.MAX_PAGE);
        }
        return store.ready(clock.instant(), limit);
    }

    /**
     * Cancels a job: a pending one becomes CANCELLED; a running one has its task stopped, then becomes CANCELLED.
     * Its dependents are cancelled too (transitively). ConflictException (409) when it has already finished;
     * NotFoundException (404) when there is none.
     */
    public Job cancel(String id, String reason) {
        return new Transitions(store, runner, settings, clock).cancel(get(id), reason);
    }

    /**
     * Puts a FAILED, TIMED_OUT or CANCELLED job back to PENDING with a fresh round of max_retries attempts (earlier
     * attempts kept). ConflictException (409) in any other status, or when a dependency can no longer complete.
     */
    public Job retry(String id) {
        return new Transitions(store, runner, settings, clock).retry(get(id));
    }

    /**
     * Deletes EXPIRED jobs, and COMPLETED, FAILED, TIMED_OUT or CANCELLED jobs finished more than
     * {@code olderThan} ago (DynamoDB's TTL removes finished jobs after the retention anyway).
     */
    public CleanupReport cleanup(Duration olderThan) {
        return new Transitions(store, runner, settings, clock).cleanup(olderThan);
    }

    /** Seed 002's stats plus p50/p95 wait and run times per definition. */
    public JobStats stats() {
        return Stats.of(store.all());
    }
}
