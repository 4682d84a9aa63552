package io.quantsinfra.core.routing;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A receiver: its endpoints, and how to deliver over them. Without a {@code delivery} block every endpoint
 * gets each notification (Alertmanager's behaviour); with one, the endpoints stand in for each other: one
 * successful delivery suffices, tried in the strategy's order with failover and backoff.
 */
public record Receiver(String name, List<Integration> integrations, Strategy strategy, Duration backoff, int maxAttempts) {
    public Receiver {
        integrations = List.copyOf(integrations);
    }

    /** How endpoints are ordered; {@code ALL} sends to every one. */
    public enum Strategy {
        ALL, PRIORITY, LEAST_LATENCY, ROUND_ROBIN, RANDOM;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Strategy fromValue(String s) {
            for (Strategy v : values()) {
                if (v.value().equals(s)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("must be one of priority, least_latency, round_robin, random; got '" + s + "'");
        }
    }
}
