package io.quantsinfra.core.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to {@code health_check}: a status, ordered metrics and one sentence naming the cause.
 * Metric values are JSON-ready ({@code Boolean}, {@code Integer}, {@code Long}, {@code String} or
 * {@code null} when a fact is not known); keys are listed in {@code docs/health.md}.
 *
 * {@snippet :
 * HealthReport r = rules.evaluate(facts, now);
 * String status = r.status().value();   // "healthy"
 * Object running = r.metrics().get("container_running");
 * }
 *
 * @param status the verdict
 * @param metrics ordered metrics; unmodifiable, may hold {@code null} values
 * @param message one human sentence naming the cause
 */
public record HealthReport(Status status, Map<String, Object> metrics, String message) {

    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        // Map.copyOf would lose the order and refuses the null values that mean "not known".
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The four verdicts of the seed contract, in JSON as lower-case names. */
    public enum Status {
        /** Running as desired and every probed endpoint answered well. */
        HEALTHY,
        /** Working, but not fully: rolling out, partly running, slow or stale. */
        DEGRADED,
        /** Not working: not running, crash-looping, failed rollout, failing health checks. */
        UNHEALTHY,
        /** Cannot be judged: stopped, starting, or nothing could be probed. */
        UNKNOWN;

        /** The JSON name, e.g. {@code "healthy"}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads a JSON name back. */
        public static Status fromValue(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
