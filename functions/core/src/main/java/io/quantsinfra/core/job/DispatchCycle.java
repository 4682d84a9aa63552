package io.quantsinfra.core.job;

import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.QuantsInfraException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One dispatch cycle's steps: expire, time out, re-ask RunTask for stale claims, reconcile from DescribeTasks,
 * then claim and start ready jobs into the free slots.
 */
final class DispatchCycle {
    /** Most expiries handled per cycle; the rest wait for the next minute. */
    static final int EXPIRE_BATCH = 200;
    private final JobStore store;
    private final JobRunner runner;
    private final JobSettings settings;
    private final Clock clock;
    private final Transitions t;
    /** Definitions read this cycle (one read per definition, not per start). */
    private final Map<String, Optional<JobDefinition>> definitions = new HashMap<>();

    DispatchCycle(JobStore store, JobRunner runner, JobSettings settings, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
        this.t = new Transitions(store, runner, settings, clock);
    }

    DispatchReport run(Instant deadline) {
        Instant now = clock.instant();
        int expired = 0;
        for (Job j : store.expiring(now, EXPIRE_BATCH)) {
            if (t.expire(j.id()).isPresent()) {
                expired++;
            }
        }
        int timedOut = 0;
        int startFailed = 0;
        int reconciled = 0;
        Map<String, Job> byTask = new HashMap<>();
        int active = 0;
        for (Job j : store.running()) {
            Attempt a = j.lastAttempt().orElse(null);
            if (a == null || !a.outcome().active()) {
                continue;
            }
            active++;
            Instant since = a.startedAt() != null ? a.startedAt() : a.claimedAt();
            if (!since.plus(j.timeout()).isAfter(now)) {
                if (a.taskArn() != null) {
                    stopQuietly(a.taskArn(), "quants-infra job timeout after " + j.timeout().getSeconds() + " s");
                }
                if (t.settle(j.id(), a.number(), AttemptOutcome.TIMED_OUT, null,
                        "no exit within the timeout of " + j.timeout().getSeconds() + " s", null, now, null).isPresent()) {
                    timedOut++;
                }
            } else if (a.taskArn() == null) {
                if (!a.claimedAt().plus(settings.claimGrace()).isAfter(now) && restart(j, a.number()) == Start.REFUSED) {
                    startFailed++;
                }
            } else {
                byTask.put(a.taskArn(), j);
            }
        }
        if (!byTask.isEmpty()) {
            reconciled = reconcile(byTask);
        }
        // Settled attempts free their slot; counted from this cycle's one read of the running index.
        int running = active - timedOut - reconciled - startFailed;
        List<String> started = new ArrayList<>();
        int lost = 0;
        int left = 0;
        int slots = settings.concurrency() - running;
        if (slots > 0) {
            for (Job j : store.ready(now, slots)) {
                if (deadline != null && !clock.instant().isBefore(deadline)) {
                    left++;
                    continue;
                }
                Optional<Job> claimed = claim(j, now);
                if (claimed.isEmpty()) {
                    lost++;
                    continue;
                }
                switch (start(claimed.get(), claimed.get().lastAttempt().orElseThrow().number())) {
                    case STARTED, PENDING -> started.add(j.id());
                    case REFUSED -> startFailed++;
                }
            }
        }
        return new DispatchReport(expired, timedOut, reconciled, started, startFailed, lost, running + started.size(), left);
    }

    /**
     * The claim: PENDING version n → RUNNING version n+1 with a new CLAIMED attempt; the claimed job, or empty when
     * another dispatcher won.
     */
    private Optional<Job> claim(Job j, Instant now) {
        int number = j.lastAttempt().map(Attempt::number).orElse(0) + 1;
        Mutable m = new Mutable(j);
        m.status = JobStatus.RUNNING;
        m.notBefore = null;
        m.add(new Attempt(number, AttemptOutcome.CLAIMED, null, now, null, null, null, null, null, null));
        Job claimed = m.build(now);
        try {
            store.update(j, claimed);
            return Optional.of(claimed);
        } catch (ConflictException e) {
            return Optional.empty();
        }
    }

    private enum Start { STARTED, REFUSED, PENDING }

    /**
     * A claim older than the grace without a task: its dispatcher died between claim and record, or RunTask failed.
     * A task started by the attempt is recorded; only when there is none is RunTask asked again.
     */
    private Start restart(Job j, int number) {
        Optional<String> existing;
        try {
            existing = runner.find(j.id(), number);
        } catch (QuantsInfraException e) {
            return Start.PENDING;
        }
        if (existing.isPresent()) {
            record(j.id(), number, existing.get());
            return Start.STARTED;
        }
        return start(j, number);
    }

    /**
     * Asks ECS to run claimed attempt {@code number} (again: the client token makes a repeat return the same task)
     * and records the task, or settles the attempt as START_FAILED when ECS refuses. An AWS error leaves the claim
     * for the next cycle to re-ask after the claim grace.
     */
    private Start start(Job j, int number) {
        Optional<JobDefinition> def = definitions.computeIfAbsent(j.definition(), store::definition);
        if (def.isEmpty()) {
            t.settle(j.id(), number, AttemptOutcome.START_FAILED, null, "job definition " + j.definition() + " no longer exists",
                    null, null, null);
            return Start.REFUSED;
        }
        JobRunner.RunResult r;
        try {
            r = runner.run(def.get().taskDefinitionArn(), j, number, Map.of(
                    JobLimits.PAYLOAD_VARIABLE, j.payload(),
                    JobLimits.JOB_ID_VARIABLE, j.id(),
                    JobLimits.ATTEMPT_VARIABLE, Integer.toString(number)));
        } catch (QuantsInfraException e) {
            return Start.PENDING;
        }
        if (r instanceof JobRunner.Refused refused) {
            t.settle(j.id(), number, AttemptOutcome.START_FAILED, null, refused.reason(), null, null, null);
            return Start.REFUSED;
        }
        String arn = ((JobRunner.Started) r).taskArn();
        Attempt last = j.lastAttempt().orElseThrow();
        if (j.status() == JobStatus.RUNNING && last.number() == number && last.taskArn() == null) {
            // the job as this cycle claimed it: record without re-reading; a concurrent change falls back to re-reading
            try {
                store.update(j, new Mutable(j).replaceLast(t.started(j, last, arn, null)).build(clock.instant()));
                return Start.STARTED;
            } catch (ConflictException e) {
                // an event or a cancel came first
            }
        }
        record(j.id(), number, arn);
        return Start.STARTED;
    }

    /**
     * Records the task of attempt {@code number}. When the attempt was settled meanwhile without it (cancelled or timed
     * out while RunTask was in flight) the task would run unaccounted for, so it is stopped.
     */
    private void record(String id, int number, String arn) {
        boolean[] orphan = {false};
        t.mutate(id, cur -> {
            Optional<Attempt> last = cur.lastAttempt();
            orphan[0] = false;
            if (last.isPresent() && last.get().number() == number && last.get().taskArn() != null) {
                return null;   // recorded already (an event or another dispatcher)
            }
            if (cur.status() != JobStatus.RUNNING || last.isEmpty() || last.get().number() != number
                    || !last.get().outcome().active()) {
                orphan[0] = true;
                return null;
            }
            return new Mutable(cur).replaceLast(t.started(cur, last.get(), arn, null));
        });
        if (orphan[0]) {
            stopQuietly(arn, "quants-infra: job " + id + " attempt " + number + " was settled before its task started");
        }
    }

    /** Settles attempts whose task DescribeTasks shows stopped or gone (their event was lost); how many. */
    private int reconcile(Map<String, Job> byTask) {
        int n = 0;
        List<String> arns = new ArrayList<>(byTask.keySet());
        for (int i = 0; i < arns.size(); i += 100) {
            List<TaskReport> reports;
            try {
                reports = runner.describe(arns.subList(i, Math.min(arns.size(), i + 100)));
            } catch (QuantsInfraException e) {
                continue;
            }
            for (TaskReport r : reports) {
                Job j = byTask.get(r.taskArn());
                if (j == null || !r.stopped()) {
                    continue;
                }
                int number = j.lastAttempt().orElseThrow().number();
                if (t.settle(j.id(), number, Transitions.outcomeOf(r), r.exitCode(), Transitions.reasonOf(r),
                        r.startedAt(), r.stoppedAt(), r.taskArn()).isPresent()) {
                    n++;
                }
            }
        }
        return n;
    }

    private void stopQuietly(String arn, String reason) {
        try {
            runner.stop(arn, reason);
        } catch (QuantsInfraException e) {
            // the attempt is settled as timed out regardless; the next reconcile sees the task if it lives on
        }
    }
}
