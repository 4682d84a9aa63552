package io.quantsinfra.core.job;

import io.quantsinfra.core.error.ConflictException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * State changes of jobs shared by the service, the dispatcher and the event handler. Every change is a conditional
 * write of the version read; a lost race re-reads and re-decides (a few times), so a duplicate or late event finds
 * the attempt already settled and changes nothing.
 */
final class Transitions {
    private static final int TRIES = 8;
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

    /**
     * Applies {@code change} to the stored job {@code id}, re-reading on a lost race; {@code change} returns
     * {@code null} for "nothing to do". Returns the job as stored afterwards (empty when it does not exist).
     */
    Optional<Job> mutate(String id, Function<Job, Mutable> change) {
        for (int i = 0; i < TRIES; i++) {
            Optional<Job> read = store.get(id);
            if (read.isEmpty()) {
                return read;
            }
            Mutable m = change.apply(read.get());
            if (m == null) {
                return read;
            }
            Job after = m.build(clock.instant());
            try {
                store.update(read.get(), after);
                return Optional.of(after);
            } catch (ConflictException e) {
                // changed meanwhile: decide again on the new version
            }
        }
        throw new ConflictException("job " + id + " kept changing while it was being updated; try again");
    }

    /**
     * Ends the active attempt {@code number} of job {@code id} with {@code outcome}; then completes the job,
     * schedules a retry, or fails it and cancels its dependents. No change when that attempt is not the job's active
     * one (a duplicate or late report).
     */
    Optional<Job> settle(String id, int number, AttemptOutcome outcome, Integer exitCode, String reason,
                         Instant startedAt, Instant stoppedAt, String taskArn) {
        Instant now = clock.instant();
        boolean[] changed = {false};
        Optional<Job> after = mutate(id, job -> {
            Optional<Attempt> last = job.lastAttempt();
            if (job.status() != JobStatus.RUNNING || last.isEmpty() || last.get().number() != number
                    || !last.get().outcome().active()) {
                return null;
            }
            Attempt a = last.get();
            String arn = a.taskArn() != null ? a.taskArn() : taskArn;
            String stream = a.logStream() != null || arn == null ? a.logStream()
                    : JobRunner.logStream(job.definition(), arn.substring(arn.lastIndexOf('/') + 1));
            Attempt ended = new Attempt(a.number(), outcome, arn, a.claimedAt(),
                    a.startedAt() != null ? a.startedAt() : startedAt, stoppedAt != null ? stoppedAt : now, exitCode,
                    JobLimits.reason(reason), stream, stream == null ? null : settings.logUrl(stream));
            Mutable m = new Mutable(job).replaceLast(ended);
            changed[0] = true;
            if (outcome == AttemptOutcome.SUCCEEDED) {
                return m.finish(JobStatus.COMPLETED, null, now);
            }
            if (outcome == AttemptOutcome.CANCELLED) {
                return m.finish(JobStatus.CANCELLED, reason, now);
            }
            int used = job.attemptsThisRound();
            if (used <= job.maxRetries()) {
                m.status = JobStatus.PENDING;
                m.notBefore = now.plus(settings.backoff(used));
                m.reason = JobLimits.reason("attempt " + number + " " + describe(outcome) + ": " + reason + "; retry "
                        + used + " of " + job.maxRetries() + " after " + settings.backoff(used).getSeconds() + " s");
                return m;
            }
            return m.finish(outcome == AttemptOutcome.TIMED_OUT ? JobStatus.TIMED_OUT : JobStatus.FAILED,
                    "attempt " + number + " " + describe(outcome) + ": " + reason
                            + (job.maxRetries() > 0 ? " (no retries left of " + job.maxRetries() + ")" : ""), now);
        });
        if (changed[0] && after.isPresent()) {
            afterFinish(after.get());
        }
        return changed[0] ? after : Optional.empty();
    }

    private static String describe(AttemptOutcome o) {
        return switch (o) {
            case FAILED -> "failed";
            case START_FAILED -> "could not start";
            case TIMED_OUT -> "timed out";
            default -> o.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** What follows a job reaching a status: dependents become ready, or are cancelled. */
    void afterFinish(Job job) {
        if (job.status() == JobStatus.COMPLETED) {
            release(job.id());
        } else if (job.status().blocksDependents()) {
            cascade(job);
        }
    }

    /** Removes completed {@code parent} from its pending dependents' blockers. */
    void release(String parent) {
        for (String child : store.dependents(parent)) {
            mutate(child, c -> {
                if (c.status() != JobStatus.PENDING || !c.blockedBy().contains(parent)) {
                    return null;
                }
                Mutable m = new Mutable(c);
                m.blockedBy.remove(parent);
                return m;
            });
        }
    }

    /** Cancels every unfinished job depending on {@code root}, transitively, saying why. */
    void cascade(Job root) {
        Deque<Job> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.add(root);
        seen.add(root.id());
        while (!todo.isEmpty()) {
            Job parent = todo.removeFirst();
            String why = "dependency " + parent.id() + " (" + parent.definition() + ") is "
                    + parent.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (parent.reason() == null ? "" : ": " + parent.reason());
            for (String child : store.dependents(parent.id())) {
                if (!seen.add(child)) {
                    continue;
                }
                Optional<Job> after = cancelOne(child, why);
                after.ifPresent(todo::add);
            }
        }
    }

    /** Cancels one job unless already finished (stopping its task first); the job afterwards. */
    private Optional<Job> cancelOne(String id, String why) {
        Instant now = clock.instant();
        return mutate(id, j -> {
            if (j.status().finished()) {
                return null;
            }
            Mutable m = new Mutable(j);
            if (j.status() == JobStatus.RUNNING) {
                Attempt a = j.lastAttempt().orElseThrow();
                if (a.taskArn() != null) {
                    runner.stop(a.taskArn(), JobLimits.reason("cancelled: " + why));
                }
                m.replaceLast(a.withOutcome(AttemptOutcome.CANCELLED, now, a.exitCode(), JobLimits.reason(why)));
            }
            return m.finish(JobStatus.CANCELLED, why, now);
        });
    }

    Job cancel(Job job, String reason) {
        if (job.status().finished()) {
            throw new ConflictException("job " + job.id() + " is already " + job.status().name().toLowerCase(java.util.Locale.ROOT)
                    + "; only pending or running jobs can be cancelled");
        }
        String why = reason == null || reason.isBlank() ? "cancelled by request" : JobLimits.reason(reason);
        Job after = cancelOne(job.id(), why).orElseThrow();
        if (after.status() != JobStatus.CANCELLED) {
            throw new ConflictException("job " + job.id() + " became " + after.status() + " before it could be cancelled");
        }
        cascade(after);
        return store.get(job.id()).orElse(after);
    }

    Job retry(Job job) {
        if (!job.status().retryable()) {
            throw new ConflictException("job " + job.id() + " is " + job.status().name().toLowerCase(java.util.Locale.ROOT)
                    + "; only failed, timed-out or cancelled jobs can be retried");
        }
        Map<String, Job> deps = store.getAll(job.dependsOn());
        for (String d : job.dependsOn()) {
            Job dep = deps.get(d);
            if (dep == null || dep.status().blocksDependents()) {
                throw new ConflictException("job " + job.id() + " depends on " + d + ", which is "
                        + (dep == null ? "gone" : dep.status().name().toLowerCase(java.util.Locale.ROOT)) + "; retry that first");
            }
        }
        Job after = mutate(job.id(), j -> {
            if (!j.status().retryable()) {
                throw new ConflictException("job " + j.id() + " changed to " + j.status() + " meanwhile");
            }
            Mutable m = new Mutable(j);
            m.status = JobStatus.PENDING;
            m.reason = null;
            m.notBefore = null;
            m.finishedAt = null;
            m.roundStart = j.attempts().size();
            m.blockedBy = new java.util.ArrayList<>(j.dependsOn().stream()
                    .filter(d -> deps.get(d).status() != JobStatus.COMPLETED).toList());
            return m;
        }).orElseThrow();
        return recheck(after);
    }

    /**
     * After storing a pending job: a dependency that completed or failed between the read and the write may have
     * missed it (its edge walk ran first), so read the dependencies again and apply what it missed.
     */
    Job recheck(Job job) {
        if (job.blockedBy().isEmpty()) {
            return job;
        }
        Map<String, Job> deps = store.getAll(job.blockedBy());
        for (String d : job.blockedBy()) {
            Job dep = deps.get(d);
            if (dep != null && dep.status().blocksDependents()) {
                String why = "dependency " + d + " (" + dep.definition() + ") is " + dep.status().name().toLowerCase(java.util.Locale.ROOT);
                Optional<Job> cancelled = cancelOne(job.id(), why);
                cancelled.ifPresent(this::cascade);
                return cancelled.orElse(job);
            }
        }
        Set<String> done = new HashSet<>();
        deps.forEach((id, dep) -> {
            if (dep.status() == JobStatus.COMPLETED) {
                done.add(id);
            }
        });
        if (done.isEmpty()) {
            return job;
        }
        return mutate(job.id(), j -> {
            if (j.status() != JobStatus.PENDING || j.blockedBy().stream().noneMatch(done::contains)) {
                return null;
            }
            Mutable m = new Mutable(j);
            m.blockedBy.removeAll(done);
            return m;
        }).orElse(job);
    }

    CleanupReport cleanup(Duration olderThan) {
        Instant cut = clock.instant().minus(olderThan);
        int expired = 0;
        int finished = 0;
        for (Job j : store.all()) {
            if (j.status() == JobStatus.EXPIRED) {
                store.delete(j);
                expired++;
            } else if (j.status().finished() && j.finishedAt() != null && j.finishedAt().isBefore(cut)) {
                store.delete(j);
                finished++;
            }
        }
        return new CleanupReport(expired, finished);
    }

    /** Expires a pending job past its expiry; the job afterwards, if this call expired it. */
    Optional<Job> expire(String id) {
        Instant now = clock.instant();
        boolean[] changed = {false};
        Optional<Job> after = mutate(id, j -> {
            if (!j.expiredAt(now)) {
                return null;
            }
            changed[0] = true;
            return new Mutable(j).finish(JobStatus.EXPIRED, "expired at " + j.expiresAt() + " before it could start", now);
        });
        if (changed[0] && after.isPresent()) {
            cascade(after.get());
            return after;
        }
        return Optional.empty();
    }

    EventResult onReport(TaskReport report) {
        Optional<TaskReport.JobAttemptRef> ref = report.attemptRef();
        if (ref.isEmpty()) {
            return new EventResult(EventResult.Outcome.IGNORED, null, null);
        }
        String id = ref.get().jobId();
        int number = ref.get().attempt();
        Optional<Job> job = store.get(id);
        if (job.isEmpty()) {
            return new EventResult(EventResult.Outcome.UNKNOWN_JOB, id, null);
        }
        if (report.stopped()) {
            Optional<Job> after = settle(id, number, outcomeOf(report), report.exitCode(), reasonOf(report),
                    report.startedAt(), report.stoppedAt(), report.taskArn());
            return after.map(j -> new EventResult(EventResult.Outcome.SETTLED, id, j.status()))
                    .orElseGet(() -> new EventResult(EventResult.Outcome.DUPLICATE, id, store.get(id).map(Job::status).orElse(null)));
        }
        if ("RUNNING".equals(report.lastStatus())) {
            boolean[] changed = {false};
            Optional<Job> after = mutate(id, j -> {
                Optional<Attempt> last = j.lastAttempt();
                if (j.status() != JobStatus.RUNNING || last.isEmpty() || last.get().number() != number
                        || !last.get().outcome().active() || last.get().startedAt() != null) {
                    return null;
                }
                changed[0] = true;
                return new Mutable(j).replaceLast(started(j, last.get(), report.taskArn(),
                        report.startedAt() != null ? report.startedAt() : clock.instant()));
            });
            return new EventResult(changed[0] ? EventResult.Outcome.STARTED : EventResult.Outcome.DUPLICATE, id,
                    after.map(Job::status).orElse(null));
        }
        return new EventResult(EventResult.Outcome.NO_CHANGE, id, job.get().status());
    }

    /** {@code a} as RUNNING in task {@code taskArn}, with its log stream; {@code startedAt} when the container started. */
    Attempt started(Job job, Attempt a, String taskArn, Instant startedAt) {
        String arn = a.taskArn() != null ? a.taskArn() : taskArn;
        String stream = arn == null ? null : JobRunner.logStream(job.definition(), arn.substring(arn.lastIndexOf('/') + 1));
        return new Attempt(a.number(), AttemptOutcome.RUNNING, arn, a.claimedAt(), startedAt != null ? startedAt : a.startedAt(),
                null, null, null, stream, stream == null ? null : settings.logUrl(stream));
    }

    static AttemptOutcome outcomeOf(TaskReport r) {
        if (r.exitCode() != null) {
            return r.exitCode() == 0 ? AttemptOutcome.SUCCEEDED : AttemptOutcome.FAILED;
        }
        return AttemptOutcome.START_FAILED;
    }

    static String reasonOf(TaskReport r) {
        if (TaskReport.MISSING.equals(r.lastStatus())) {
            return "ECS no longer knows task " + r.taskId();
        }
        StringBuilder b = new StringBuilder();
        if (r.exitCode() != null) {
            b.append("exit code ").append(r.exitCode());
        }
        for (String part : new String[] {r.containerReason(), r.stoppedReason()}) {
            if (part != null && !part.isBlank()) {
                b.append(b.isEmpty() ? "" : "; ").append(part);
            }
        }
        if (b.isEmpty()) {
            b.append(r.stopCode() == null ? "stopped" : r.stopCode());
        }
        return b.toString();
    }
}
