package io.quantsinfra.core.job;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: where definitions and jobs are kept. Besides the jobs themselves an implementation keeps three indexes
 * derived from each job on every write, so a dispatch cycle reads only what it acts on, never the whole queue:
 * <ul>
 *   <li>ready: PENDING jobs with no blockers, in start order (priority descending, then createdAt, then id);</li>
 *   <li>running: RUNNING jobs;</li>
 *   <li>expiry: PENDING jobs with an expiry, by expiry time;</li>
 * </ul>
 * plus the dependency edges (parent → dependents) a completion or failure follows.
 *
 * <p>Writes of a job are conditional on the version read: {@link #update} throws
 * {@link io.quantsinfra.core.error.ConflictException} when the stored job is no longer {@code before}, and that
 * is how two dispatchers racing for one attempt are told apart.
 */
public interface JobStore {

    /** Creates or replaces a definition. */
    void saveDefinition(JobDefinition definition);

    /** The definition named {@code name}, if defined. */
    Optional<JobDefinition> definition(String name);

    /** Every definition, by name. */
    List<JobDefinition> definitions();

    /**
     * Records that each of {@code parents} has {@code child} as a dependent. Written before the child itself, so a
     * parent failing meanwhile finds the edge (a dangling edge to a job never stored is ignored).
     */
    void addDependents(String child, Collection<String> parents);

    /** The ids of the jobs depending on {@code parent}. */
    List<String> dependents(String parent);

    /**
     * Stores a new job (version 1) with its index entries, and claims its idempotency key when it has one.
     * ConflictException, with nothing stored, when the key was claimed before (read {@link #idForKey}).
     */
    void insert(Job job);

    /** The job id published first under {@code idempotencyKey}. */
    Optional<String> idForKey(String idempotencyKey);

    /** One job. */
    Optional<Job> get(String id);

    /** The jobs of {@code ids} that exist, by id (strongly consistent). */
    Map<String, Job> getAll(Collection<String> ids);

    /**
     * Replaces {@code before} by {@code after} ({@code after.version() == before.version() + 1}) and moves its
     * index entries, atomically; ConflictException when the stored version is not {@code before.version()}.
     */
    void update(Job before, Job after);

    /** Removes a job, its index entries, its idempotency key and its dependents edges; no-op when already gone. */
    void delete(Job job);

    /**
     * Up to {@code limit} jobs from the ready index that may start at {@code now} ({@link Job#readyAt}), in start
     * order. Entries of jobs in backoff are passed over, not counted.
     */
    List<Job> ready(Instant now, int limit);

    /** Every RUNNING job. */
    List<Job> running();

    /** Up to {@code limit} PENDING jobs whose expiry is at or before {@code now}, soonest first. */
    List<Job> expiring(Instant now, int limit);

    /** A page of jobs matching {@code query}, newest first. */
    JobPage list(JobQuery query);

    /** Every job (stats and cleanup). */
    List<Job> all();
}
