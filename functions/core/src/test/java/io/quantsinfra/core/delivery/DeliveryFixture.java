package io.quantsinfra.core.delivery;

import io.quantsinfra.core.inmemory.InMemoryEndpointStats;
import io.quantsinfra.core.notify.Attempt;
import io.quantsinfra.core.notify.Notification;
import io.quantsinfra.core.notify.Notifier;
import io.quantsinfra.core.notify.Notifiers;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.routing.Credential;
import io.quantsinfra.core.routing.Integration;
import io.quantsinfra.core.routing.Receiver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A DeliveryManager over a hand-moved clock, one timeline per thread (a thread forked by {@link Parallel} starts at
 * its parent's time and moves on its own, as parallel sends do): webhook endpoints scripted per name (how long an attempt takes, what it
 * answers), a sleeper and an attempt runner that move the clock instead of waiting, and records of both. An attempt
 * that would take longer than the runner allows is cut off at the limit, as the real runner does.
 */
final class DeliveryFixture {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    /** How one endpoint behaves: each attempt takes {@code takes}, then answers (or throws) from {@code answer}. */
    record Script(Duration takes, Supplier<Attempt> answer) {}

    final InheritableThreadLocal<Instant> now = new InheritableThreadLocal<>() {
        @Override
        protected Instant initialValue() {
            return T0;
        }
    };
    final Clock clock = new Clock() {
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        public Clock withZone(ZoneId z) {
            return this;
        }

        public Instant instant() {
            return now.get();
        }
    };
    final Map<String, Script> scripts = new ConcurrentHashMap<>();
    final List<String> sentTo = Collections.synchronizedList(new ArrayList<>());
    final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
    final List<Duration> attemptLimits = Collections.synchronizedList(new ArrayList<>());
    final InMemoryEndpointStats stats = new InMemoryEndpointStats();

    /** Answers {@code u} for every {@code nextDouble()}: 0 puts full jitter at its cap. */
    static Random jitterAt(double u) {
        return new Random() {
            @Override
            public double nextDouble() {
                return u;
            }
        };
    }

    final Notifier webhooks = new Notifier() {
        public String type() {
            return "webhook";
        }

        public Attempt send(Integration endpoint, Notification n) {
            Script s = scripts.getOrDefault(endpoint.name(), new Script(Duration.ofMillis(10), () -> Attempt.success(200)));
            advance(s.takes());
            sentTo.add(endpoint.name());
            return s.answer().get();
        }
    };

    final AttemptRunner runner = (work, limit) -> {
        attemptLimits.add(limit);
        Instant start = now.get();
        Attempt a = work.get();
        if (now.get().isAfter(start.plus(limit))) {
            now.set(start.plus(limit));
            return Optional.empty();
        }
        return Optional.of(a);
    };

    void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    DeliveryManager manager(Random random) {
        return new DeliveryManager(new Notifiers(List.of(webhooks)), stats, d -> {
            slept.add(d);
            advance(d);
        }, random, clock, runner);
    }

    static Integration.Webhook webhook(String name, int priority) {
        return new Integration.Webhook(name, true, priority, 0, Credential.of("http://127.0.0.1:9/" + name), 0);
    }

    static Receiver receiver(Receiver.Strategy strategy, Duration backoff, int maxAttempts, Integration... endpoints) {
        return new Receiver("team", List.of(endpoints), strategy, backoff, maxAttempts);
    }

    static Notification firing() {
        Labels l = Labels.of("alertname", "HighCpu");
        return new Notification("team", "{}:" + l, 1, l, List.of(new Notification.Alert("firing", l, Map.of(), T0, null, "fp1")),
                "https://ops.example");
    }
}
