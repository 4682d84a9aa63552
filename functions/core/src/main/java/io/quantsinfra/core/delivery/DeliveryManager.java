package io.quantsinfra.core.delivery;

import io.quantsinfra.core.notify.Attempt;
import io.quantsinfra.core.notify.Notification;
import io.quantsinfra.core.notify.Notifiers;
import io.quantsinfra.core.routing.Integration;
import io.quantsinfra.core.routing.Receiver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Delivers one notification to a receiver before a deadline. With strategy {@code all} every endpoint gets it, the
 * endpoints at once (each retried once after a retryable failure); otherwise endpoints are tried in the strategy's
 * order until one succeeds: a failure fails over to the next after a backoff (exponential from the receiver's
 * {@code backoff}, at most 10 s, with full jitter), a rate-limited endpoint is skipped, and after one round the
 * retryable ones are tried again while {@code max_attempts} allows. Endpoints with {@code send_resolved: false} get
 * only the firing alerts, and nothing when none fires.
 *
 * <p>Time: no attempt starts with less than {@link #MIN_ATTEMPT} left, none runs past the deadline (the
 * {@link AttemptRunner} cuts it off), no backoff is slept that would leave no time for the attempt after it. What
 * did not fit is in {@link Result#left()}. Whatever a notifier throws fails that attempt only ({@link Containment}).
 *
 * {@snippet :
 * DeliveryManager.Result r = delivery.deliver(receiver, notification, deadline, Set.of());
 * }
 */
public final class DeliveryManager {
    /** Below this much time left no attempt is started: it would be cut off before any answer could come. */
    public static final Duration MIN_ATTEMPT = Duration.ofMillis(250);
    /** The backoff doubles up to this. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** The deadline of {@link #deliver(Receiver, Notification)}, which has none of its own. */
    static final Duration NO_DEADLINE = Duration.ofDays(1);

    private final Notifiers notifiers;
    private final EndpointStats stats;
    private final Sleeper sleeper;
    private final Random random;
    private final Clock clock;
    private final AttemptRunner runner;

    public DeliveryManager(Notifiers notifiers, EndpointStats stats, Sleeper sleeper, Random random, Clock clock) {
        this(notifiers, stats, sleeper, random, clock, AttemptRunner.VIRTUAL_THREADS);
    }

    /** As above, running each attempt through {@code runner} (tests: inline, against their clock). */
    public DeliveryManager(Notifiers notifiers, EndpointStats stats, Sleeper sleeper, Random random, Clock clock,
                           AttemptRunner runner) {
        this.notifiers = notifiers;
        this.stats = stats;
        this.sleeper = sleeper;
        this.random = random;
        this.clock = clock;
        this.runner = runner;
    }

    /** One attempt as it happened; {@code rateLimited} attempts were not sent; {@code cutOff} ones hit the deadline. */
    public record Tried(String endpoint, boolean ok, boolean rateLimited, boolean retryable, int status, String error,
                        long latencyMs, boolean cutOff) {}

    /** What the deadline left undone: endpoints not (or not again) tried, and those whose attempt was cut off. */
    public record Left(List<String> notTried, List<String> cutOff) {
        public Left {
            notTried = List.copyOf(notTried);
            cutOff = List.copyOf(cutOff);
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            if (!notTried.isEmpty()) {
                parts.add("not tried in time: " + String.join(", ", notTried));
            }
            if (!cutOff.isEmpty()) {
                parts.add("cut off mid-attempt: " + String.join(", ", cutOff));
            }
            return String.join("; ", parts);
        }
    }

    /**
     * The outcome: {@code ok} when delivered (or nothing had to be sent: {@code nothingToSend}); {@code delivered}
     * names the endpoints that have it (with those that had it before); {@code left} is not null when the deadline
     * came before the delivery was settled either way.
     */
    public record Result(boolean ok, boolean nothingToSend, String deliveredVia, List<Tried> attempts,
                         Set<String> delivered, Left left) {
        public Result {
            attempts = List.copyOf(attempts);
            delivered = Collections.unmodifiableSet(new LinkedHashSet<>(delivered));
        }

        public boolean leftForNextCycle() {
            return left != null;
        }
    }

    /** Delivers with a day to do it in (no deadline of the caller's). */
    public Result deliver(Receiver receiver, Notification n) {
        return deliver(receiver, n, clock.instant().plus(NO_DEADLINE), Set.of());
    }

    /**
     * Delivers before {@code deadline}, skipping the endpoints in {@code alreadyDelivered} (a notification taken
     * over from a cycle that ran out of time).
     */
    public Result deliver(Receiver receiver, Notification n, Instant deadline, Set<String> alreadyDelivered) {
        List<Integration> wanting = new ArrayList<>();
        for (Integration i : receiver.integrations()) {
            if ((i.sendResolved() || !n.firing().isEmpty()) && !alreadyDelivered.contains(i.name())) {
                wanting.add(i);
            }
        }
        if (wanting.isEmpty()) {
            return new Result(true, alreadyDelivered.isEmpty(), String.join(",", alreadyDelivered), List.of(),
                    alreadyDelivered, null);
        }
        return receiver.strategy() == Receiver.Strategy.ALL ? all(receiver, wanting, n, deadline, alreadyDelivered)
                : failover(receiver, wanting, n, deadline);
    }

    private enum Outcome { DELIVERED, FAILED, NOT_TRIED, CUT_OFF }

    private record EndpointRun(String endpoint, List<Tried> tried, Outcome outcome) {}

    private Result all(Receiver r, List<Integration> wanting, Notification n, Instant deadline, Set<String> already) {
        List<EndpointRun> runs = Parallel.map(wanting, Parallel.LIMIT, i -> toEveryEndpoint(r, i, n, deadline));
        List<Tried> tried = new ArrayList<>();
        Set<String> delivered = new LinkedHashSet<>(already);
        List<String> notTried = new ArrayList<>();
        List<String> cutOff = new ArrayList<>();
        for (EndpointRun run : runs) {
            tried.addAll(run.tried());
            switch (run.outcome()) {
                case DELIVERED -> delivered.add(run.endpoint());
                case NOT_TRIED -> notTried.add(run.endpoint());
                case CUT_OFF -> cutOff.add(run.endpoint());
                case FAILED -> { }
            }
        }
        Left left = notTried.isEmpty() && cutOff.isEmpty() ? null : new Left(notTried, cutOff);
        return new Result(!delivered.isEmpty() && left == null, false, String.join(",", delivered), tried, delivered, left);
    }

    /** One endpoint of an {@code all} receiver: an attempt, and one retry after a retryable failure. */
    private EndpointRun toEveryEndpoint(Receiver r, Integration i, Notification n, Instant deadline) {
        List<Tried> tried = new ArrayList<>();
        Tried t = attempt(r, i, n, deadline);
        if (t == null) {
            return new EndpointRun(i.name(), tried, Outcome.NOT_TRIED);
        }
        tried.add(t);
        if (!t.ok() && !t.rateLimited() && t.retryable() && !t.cutOff()) {
            Duration wait = jitter(r.backoff());
            if (!fits(wait, deadline)) {
                return new EndpointRun(i.name(), tried, Outcome.NOT_TRIED);
            }
            sleeper.sleep(wait);
            t = attempt(r, i, n, deadline);
            if (t == null) {
                return new EndpointRun(i.name(), tried, Outcome.NOT_TRIED);
            }
            tried.add(t);
        }
        return new EndpointRun(i.name(), tried, t.ok() ? Outcome.DELIVERED : t.cutOff() ? Outcome.CUT_OFF : Outcome.FAILED);
    }

    private Result failover(Receiver r, List<Integration> wanting, Notification n, Instant deadline) {
        List<Tried> tried = new ArrayList<>();
        List<Integration> round = order(r, wanting);
        int attempts = 0;
        boolean backoffDue = false;
        while (!round.isEmpty() && attempts < r.maxAttempts()) {
            List<Integration> again = new ArrayList<>();
            for (int k = 0; k < round.size() && attempts < r.maxAttempts(); k++) {
                Integration i = round.get(k);
                if (backoffDue && !backOff(r, attempts, deadline)) {
                    return leftOver(tried, names(round.subList(k, round.size()), again), List.of());
                }
                backoffDue = false;
                Tried t = attempt(r, i, n, deadline);
                if (t == null) {
                    return leftOver(tried, names(round.subList(k, round.size()), again), List.of());
                }
                tried.add(t);
                if (t.rateLimited()) {
                    continue;
                }
                attempts++;
                if (t.ok()) {
                    return new Result(true, false, i.name(), tried, Set.of(i.name()), null);
                }
                if (t.cutOff()) {
                    return leftOver(tried, List.of(), List.of(i.name()));
                }
                if (t.retryable()) {
                    again.add(i);
                }
                backoffDue = true;
            }
            round = again;
        }
        return new Result(false, false, null, tried, Set.of(), null);
    }

    /**
     * Sleeps the jittered backoff before the next attempt; false, without sleeping, when the wait would not leave
     * room for an attempt before the deadline: the rest is left over for the next cycle rather than cut short.
     */
    private boolean backOff(Receiver r, int attempts, Instant deadline) {
        Duration wait = jitter(backoff(r.backoff(), attempts - 1));
        if (!fits(wait, deadline)) {
            return false;
        }
        sleeper.sleep(wait);
        return true;
    }

    private static Result leftOver(List<Tried> tried, List<String> notTried, List<String> cutOff) {
        return new Result(false, false, null, tried, Set.of(), new Left(notTried, cutOff));
    }

    private static List<String> names(List<Integration> rest, List<Integration> again) {
        Set<String> out = new LinkedHashSet<>();
        rest.forEach(i -> out.add(i.name()));
        again.forEach(i -> out.add(i.name()));
        return List.copyOf(out);
    }

    /** The backoff cap after {@code failures} failures before this one: {@code base × 2^failures}, at most 10 s. */
    static Duration backoff(Duration base, int failures) {
        Duration d = base;
        for (int k = 0; k < failures && d.compareTo(MAX_BACKOFF) < 0; k++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /** Full jitter: uniform in (0, cap], so that evaluators failing at once do not retry in step. */
    Duration jitter(Duration cap) {
        double u = 1.0 - random.nextDouble();
        return Duration.ofNanos(Math.max(1, (long) Math.ceil(cap.toNanos() * u)));
    }

    /** Whether sleeping {@code wait} still leaves time for an attempt before the deadline. */
    private boolean fits(Duration wait, Instant deadline) {
        return !clock.instant().plus(wait).plus(MIN_ATTEMPT).isAfter(deadline);
    }

    /** One attempt, or null when too little time is left to start one. */
    private Tried attempt(Receiver r, Integration i, Notification n, Instant deadline) {
        Instant now = clock.instant();
        Duration left = Duration.between(now, deadline);
        if (left.compareTo(MIN_ATTEMPT) < 0) {
            return null;
        }
        if (i.ratePerMinute() > 0 && !stats.tryAcquire(r.name(), i.name(), i.ratePerMinute(), now)) {
            stats.rateLimited(r.name(), i.name(), now);
            return new Tried(i.name(), false, true, false, 0, "rate limit of " + i.ratePerMinute() + "/min reached", 0, false);
        }
        Notification shown = i.sendResolved() ? n : n.withoutResolved();
        long start = System.nanoTime();
        Optional<Attempt> ran = runner.run(() -> contained(i, shown), left);
        long ms = (System.nanoTime() - start) / 1_000_000;
        Attempt a = ran.orElseGet(() -> Attempt.retryable(0, "cut off at the cycle's deadline after " + left.toMillis()
                + " ms (it may have arrived)"));
        stats.record(r.name(), i.name(), a.ok(), ms, a.status(), a.error(), now);
        return new Tried(i.name(), a.ok(), false, a.retryable(), a.status(), a.ok() ? null : a.error(), ms, ran.isEmpty());
    }

    private Attempt contained(Integration i, Notification shown) {
        try {
            return notifiers.send(i, shown);
        } catch (Throwable t) {
            if (Containment.fatal(t)) {
                throw (Error) t;
            }
            return Containment.failure(i, t);
        }
    }

    /**
     * Receivers none of whose endpoints succeeded at their last attempt (failing, cut off, black-holed): a cycle with
     * more groups than {@link Parallel#LIMIT} sends theirs last, so that they cannot starve the healthy ones.
     */
    public Set<String> failingReceivers() {
        Map<String, Boolean> anyOk = new HashMap<>();
        for (EndpointStats.Stat s : stats.all()) {
            anyOk.merge(s.receiver(), s.lastOk(), Boolean::logicalOr);
        }
        Set<String> out = new java.util.HashSet<>();
        anyOk.forEach((receiver, ok) -> {
            if (!ok) {
                out.add(receiver);
            }
        });
        return out;
    }

    /** The endpoints in the order the strategy tries them. */
    List<Integration> order(Receiver r, List<Integration> endpoints) {
        List<Integration> out = new ArrayList<>(endpoints);
        switch (r.strategy()) {
            case PRIORITY, ALL -> out.sort(Comparator.comparingInt(Integration::priority));
            case LEAST_LATENCY -> {
                Map<String, Double> latency = new HashMap<>();
                for (EndpointStats.Stat s : stats.all()) {
                    if (s.receiver().equals(r.name()) && s.attempts() > 0) {
                        latency.put(s.endpoint(), s.successes() == 0 ? Double.MAX_VALUE : s.averageLatencyMs());
                    }
                }
                out.sort(Comparator.comparingDouble((Integration i) -> latency.getOrDefault(i.name(), 0.0))
                        .thenComparingInt(Integration::priority));
            }
            case ROUND_ROBIN -> {
                out.sort(Comparator.comparingInt(Integration::priority));
                int k = (int) Math.floorMod(stats.nextRoundRobin(r.name()), (long) out.size());
                Collections.rotate(out, -k);
            }
            case RANDOM -> Collections.shuffle(out, random);
        }
        return out;
    }
}
