package io.quantsinfra.core.health;

import io.quantsinfra.core.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Judges {@link HealthFacts} into a {@link HealthReport}. A pure function: the same facts and
 * {@code now} always give the same report; nothing is read from the clock or the network.
 *
 * <p>The rules are checked in this order and the first that applies decides
 * (the table with examples is in {@code docs/health.md}):
 * <ol>
 *   <li>service not {@code ACTIVE} (being deleted) → unknown;</li>
 *   <li>{@code desiredCount 0} → unknown, "instance is stopped" (not unhealthy: it does what it was told);</li>
 *   <li>a deployment whose rollout {@code FAILED} (circuit breaker) → unhealthy, naming ECS's reason;</li>
 *   <li>restarts in the last hour ≥ the crash-loop threshold → unhealthy, naming the last stop reason;</li>
 *   <li>a running task or container failing its ECS health check → unhealthy;</li>
 *   <li>nothing running although desired: unhealthy if a task stopped unexpectedly, ECS logged a
 *       launch failure or the startup grace is over; unknown ("starting") within the grace;</li>
 *   <li>two or more live deployments (rolling out) → degraded;</li>
 *   <li>fewer running than desired → degraded;</li>
 *   <li>the endpoint probes: any 5xx → unhealthy; timeout, refused, other non-2xx, a bad body or a
 *       stale Freqtrade {@code last_process} → degraded; all answered well → healthy; nothing
 *       probed → unknown, unless ECS's own container health check reports every running task healthy.</li>
 * </ol>
 *
 * {@snippet :
 * HealthRules rules = HealthRules.defaults().withStaleAfter(Duration.ofMinutes(10));
 * HealthReport report = rules.evaluate(facts, clock.instant());
 * }
 */
public final class HealthRules {

    /** Freqtrade is stale when {@code last_process} is older than this (it processes every few seconds). */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);
    /** This many unexpected stops within an hour is a crash loop. */
    public static final int DEFAULT_CRASH_LOOP_RESTARTS = 3;
    /** How long an instance may show no running task after its deployment changed before that is unhealthy. */
    public static final Duration DEFAULT_STARTUP_GRACE = Duration.ofMinutes(3);

    /** ECS service events that say a task could not be placed or launched. */
    private static final Pattern LAUNCH_FAILURE = Pattern.compile(
            "unable to place a task|failed to launch a task|unable to consistently start tasks");

    private final Duration staleAfter;
    private final int crashLoopRestarts;
    private final Duration startupGrace;
    private final List<Rule> rules = List.of(
            this::notActive, this::stopped, this::failedRollout, this::crashLoop,
            this::failingHealthCheck, this::notRunning, this::rollingOut, this::partlyRunning);

    private HealthRules(Duration staleAfter, int crashLoopRestarts, Duration startupGrace) {
        this.staleAfter = positive("staleAfter", staleAfter);
        if (crashLoopRestarts < 1) {
            throw new InvalidInputException("crashLoopRestarts", "must be at least 1, was " + crashLoopRestarts);
        }
        this.crashLoopRestarts = crashLoopRestarts;
        this.startupGrace = positive("startupGrace", startupGrace);
    }

    /** Rules with {@link #DEFAULT_STALE_AFTER}, {@link #DEFAULT_CRASH_LOOP_RESTARTS} and {@link #DEFAULT_STARTUP_GRACE}. */
    public static HealthRules defaults() {
        return new HealthRules(DEFAULT_STALE_AFTER, DEFAULT_CRASH_LOOP_RESTARTS, DEFAULT_STARTUP_GRACE);
    }

    /** A copy whose Freqtrade staleness threshold is {@code staleAfter} (positive). */
    public HealthRules withStaleAfter(Duration staleAfter) {
        return new HealthRules(staleAfter, crashLoopRestarts, startupGrace);
    }

    /** A copy that calls {@code restarts} or more unexpected stops in an hour a crash loop (at least 1). */
    public HealthRules withCrashLoopRestarts(int restarts) {
        return new HealthRules(staleAfter, restarts, startupGrace);
    }

    /** A copy that allows {@code grace} (positive) for a first task to reach RUNNING. */
    public HealthRules withStartupGrace(Duration grace) {
        return new HealthRules(staleAfter, crashLoopRestarts, grace);
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    public int crashLoopRestarts() {
        return crashLoopRestarts;
    }

    public Duration startupGrace() {
        return startupGrace;
    }

    /** Judges the facts as of {@code now}. */
    public HealthReport evaluate(HealthFacts facts, Instant now) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(now, "now");
        Verdict verdict = rules.stream()
                .map(rule -> rule.check(facts, now))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseGet(() -> new ProbeVerdicts(staleAfter).judge(facts, now));
        return new HealthReport(verdict.status(), HealthMetrics.of(facts, now), verdict.message());
    }

    private Optional<Verdict> notActive(HealthFacts f, Instant now) {
        ServiceFacts s = f.service();
        if ("ACTIVE".equals(s.status())) {
            return Optional.empty();
        }
        return Optional.of(Verdict.unknown("ECS service " + s.name() + " is " + s.status()
                + ", so it is being deleted and its health is not tracked"));
    }

    private Optional<Verdict> stopped(HealthFacts f, Instant now) {
        ServiceFacts s = f.service();
        if (s.desiredCount() > 0) {
            return Optional.empty();
        }
        int left = s.runningCount() + s.pendingCount();
        return Optional.of(Verdict.unknown(left == 0
                ? "instance is stopped (desiredCount 0)"
                : "instance is stopping (desiredCount 0, " + Text.count(left, "task") + " still running or pending)"));
    }

    private Optional<Verdict> failedRollout(HealthFacts f, Instant now) {
        Optional<DeploymentFacts> failed = f.service().deployments().stream().filter(DeploymentFacts::failed).findFirst();
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        DeploymentFacts d = failed.get();
        StringBuilder m = new StringBuilder("deployment ").append(d.id()).append(" failed: ")
                .append(d.rolloutStateReason() == null ? "rollout state FAILED" : Text.fragment(d.rolloutStateReason()));
        f.service().primary().filter(p -> p != d && p.rolloutStateReason() != null)
                .ifPresent(p -> m.append("; ").append(Text.fragment(p.rolloutStateReason())));
        latestRestart(f, now).ifPresent(t -> m.append("; last stopped task: ").append(t.stopSummary()));
        return Optional.of(Verdict.unhealthy(m.toString()));
    }

    private Optional<Verdict> crashLoop(HealthFacts f, Instant now) {
        if (f.restartsLastHour() < crashLoopRestarts) {
            return Optional.empty();
        }
        StringBuilder m = new StringBuilder("crash loop: ")
                .append(Text.count(f.restartsLastHour(), "task")).append(" stopped unexpectedly in the last hour");
        latestRestart(f, now).ifPresent(t -> m.append(", the latest ")
                .append(Text.human(Duration.between(t.stoppedAt(), now))).append(" ago: ").append(t.stopSummary()));
        return Optional.of(Verdict.unhealthy(m.toString()));
    }

    private Optional<Verdict> failingHealthCheck(HealthFacts f, Instant now) {
        for (TaskFacts t : f.tasks()) {
            if (!t.running()) {
                continue;
            }
            Optional<ContainerFacts> c = t.unhealthyContainer();
            if (c.isPresent()) {
                return Optional.of(Verdict.unhealthy("container " + c.get().name() + " of task " + t.id()
                        + " fails its ECS health check (UNHEALTHY)"));
            }
            if (t.healthStatus() == ContainerHealth.UNHEALTHY) {
                return Optional.of(Verdict.unhealthy("task " + t.id() + " fails its ECS health check (UNHEALTHY)"));
            }
        }
        return Optional.empty();
    }

    private Optional<Verdict> notRunning(HealthFacts f, Instant now) {
        ServiceFacts s = f.service();
        if (s.runningCount() > 0) {
            return Optional.empty();
        }
        String counts = "desiredCount " + s.desiredCount() + ", " + s.pendingCount() + " pending";
        Optional<TaskFacts> restart = latestRestart(f, now);
        if (restart.isPresent()) {
            TaskFacts t = restart.get();
            return Optional.of(Verdict.unhealthy("no task running (" + counts + "); the last one stopped "
                    + Text.human(Duration.between(t.stoppedAt(), now)) + " ago: " + t.stopSummary()));
        }
        String event = s.latestEvent().map(e -> "; latest ECS event: " + Text.fragment(e.message())).orElse("");
        boolean launchFailed = s.latestEvent().filter(e -> LAUNCH_FAILURE.matcher(e.message()).find()).isPresent();
        Optional<Instant> changed = s.primary().map(p -> p.updatedAt() != null ? p.updatedAt() : p.createdAt());
        boolean inGrace = changed.filter(c -> now.isBefore(c.plus(startupGrace))).isPresent();
        if (inGrace && !launchFailed) {
            if (s.liveDeployments().size() > 1) {
                // Replacing the only task (minimumHealthyPercent 0): the rollout rule says degraded.
                return Optional.empty();
            }
            return Optional.of(Verdict.unknown("instance is starting: no task running yet (" + counts + "), deployment "
                    + s.primary().orElseThrow().id() + " changed " + Text.human(Duration.between(changed.get(), now))
                    + " ago" + event));
        }
        String since = changed.map(c -> " " + Text.human(Duration.between(c, now)) + " after its deployment changed")
                .orElse("");
        String lead = f.tasks().isEmpty() ? "instance never started: no task" : "no task";
        return Optional.of(Verdict.unhealthy(lead + " running" + since + " (" + counts + ")" + event));
    }

    private Optional<Verdict> rollingOut(HealthFacts f, Instant now) {
        List<DeploymentFacts> live = f.service().liveDeployments();
        Optional<DeploymentFacts> primary = f.service().primary();
        if (live.size() < 2 || primary.isEmpty()) {
            return Optional.empty();
        }
        DeploymentFacts p = primary.get();
        int old = live.stream().filter(d -> d != p).mapToInt(DeploymentFacts::running).sum();
        String pending = f.service().pendingCount() > 0 ? " (" + f.service().pendingCount() + " pending)" : "";
        return Optional.of(Verdict.degraded("rolling out deployment " + p.id() + ": " + p.running() + " of "
                + p.desired() + " new " + (p.desired() == 1 ? "task" : "tasks") + " running" + pending + ", "
                + Text.count(old, "old task") + " still running"));
    }

    private Optional<Verdict> partlyRunning(HealthFacts f, Instant now) {
        ServiceFacts s = f.service();
        if (s.runningCount() >= s.desiredCount()) {
            return Optional.empty();
        }
        return Optional.of(Verdict.degraded("only " + s.runningCount() + " of " + s.desiredCount()
                + " tasks running (" + s.pendingCount() + " pending)"));
    }

    /** The most recent unexpected stop within the restart window. */
    static Optional<TaskFacts> latestRestart(HealthFacts f, Instant now) {
        Instant from = now.minus(HealthFacts.RESTART_WINDOW);
        return f.tasks().stream().filter(t -> t.restartWithin(from, now))
                .max(Comparator.comparing(TaskFacts::stoppedAt));
    }

    private static Duration positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidInputException(key, "must be a positive duration, was " + d);
        }
        return d;
    }

    /** One rule: a verdict when it applies, empty to let the next rule decide. */
    @FunctionalInterface
    private interface Rule {
        Optional<Verdict> check(HealthFacts facts, Instant now);
    }
}
