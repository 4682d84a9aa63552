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
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Delivers one notification to a receiver. With strategy {@code all} every endpoint gets it (each retried
 * once after a retryable failure); otherwise endpoints are tried in the strategy's order until one succeeds:
 * a failure fails over to the next after a backoff that doubles each time (from the receiver's
 * {@code backoff}), a rate-limited endpoint is skipped, and after one round the retryable ones are tried
 * again while {@code max_attempts} allows. Endpoints with {@code send_resolved: false} get only the firing
 * alerts, and nothing when none fires.
 *
 * {@snippet :
 * DeliveryManager.Result r = delivery.deliver(receiver, notification);
 * }
 */
public final class DeliveryManager {
    private final Notifiers notifiers;
    private final EndpointStats stats;
    private final Sleeper sleeper;
    private final Random random;
    private final Clock clock;

    public DeliveryManager(Notifiers notifiers, EndpointStats stats, Sleeper sleeper, Random random, Clock clock) {
        this.notifiers = notifiers;
        this.stats = stats;
        this.sleeper = sleeper;
        this.random = random;
        this.clock = clock;
    }

    /** One attempt as it happened; {@code rateLimited} attempts were not sent. */
    public record Tried(String endpoint, boolean ok, boolean rateLimited, boolean retryable, int status, String error, long latencyMs) {}

    /** The outcome: {@code ok} when delivered (or nothing had to be sent: {@code nothingToSend}). */
    public record Result(boolean ok, boolean nothingToSend, String deliveredVia, List<Tried> attempts) {}

    public Result deliver(Receiver receiver, Notification n) {
        List<Integration> wanting = new ArrayList<>();
        for (Integration i : receiver.integrations()) {
            if (i.sendResolved() || !n.firing().isEmpty()) {
                wanting.add(i);
            }
        }
        if (wanting.isEmpty()) {
            return new Result(true, true, null, List.of());
        }
        List<Tried> tried = new ArrayList<>();
        if (receiver.strategy() == Receiver.Strategy.ALL) {
            boolean any = false;
            List<String> via = new ArrayList<>();
            for (Integration i : wanting) {
                Tried t = attempt(receiver, i, n);
                tried.add(t);
                if (!t.ok() && !t.rateLimited() && retryable(t)) {
                    sleeper.sleep(receiver.backoff());
                    t = attempt(receiver, i, n);
                    tried.add(t);
                }
                if (t.ok()) {
                    any = true;
                    via.add(i.name());
                }
            }
            return new Result(any, false, String.join(",", via), tried);
        }
        List<Integration> order = order(receiver, wanting);
        Duration backoff = receiver.backoff();
        int attempts = 0;
        List<Integration> round = order;
        while (!round.isEmpty() && attempts < receiver.maxAttempts()) {
            List<Integration> again = new ArrayList<>();
            for (Integration i : round) {
                if (attempts >= receiver.maxAttempts()) {
                    break;
                }
                Tried t = attempt(receiver, i, n);
                tried.add(t);
                if (t.rateLimited()) {
                    continue;
                }
                attempts++;
                if (t.ok()) {
                    return new Result(true, false, i.name(), tried);
                }
                if (retryable(t)) {
                    again.add(i);
                }
                if (attempts < receiver.maxAttempts()) {
                    sleeper.sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                            : backoff.multipliedBy(2);
                }
            }
            round = again;
        }
        return new Result(false, false, null, tried);
    }

    private static boolean retryable(Tried t) {
        return t.retryable();
    }

    private Tried attempt(Receiver r, Integration i, Notification n) {
        Instant now = clock.instant();
        if (i.ratePerMinute() > 0 && !stats.tryAcquire(r.name(), i.name(), i.ratePerMinute(), now)) {
            stats.rateLimited(r.name(), i.name(), now);
            return new Tried(i.name(), false, true, false, 0, "rate limit of " + i.ratePerMinute() + "/min reached", 0);
        }
        Notification shown = i.sendResolved() ? n : n.withoutResolved();
        long start = System.nanoTime();
        Attempt a = notifiers.send(i, shown);
        long ms = (System.nanoTime() - start) / 1_000_000;
        stats.record(r.name(), i.name(), a.ok(), ms, a.status(), a.error(), now);
        return new Tried(i.name(), a.ok(), false, a.retryable(), a.status(), a.ok() ? null : a.error(), ms);
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
