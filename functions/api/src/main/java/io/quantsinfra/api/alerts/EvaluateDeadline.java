package io.quantsinfra.api.alerts;

import io.micronaut.context.annotation.Factory;
import io.quantsinfra.api.wiring.SettingsOverlay;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long {@code POST /v1/alerts/evaluate} may take: 25 s, below API Gateway's 30 s (and the API Lambda's 30 s
 * timeout), so the answer always comes back and what did not fit is reported as left for the next cycle.
 * {@value #VARIABLE} (whole seconds, 1 to 28) shortens it; local mode and tests use it, the CDK stack does not set it.
 */
record EvaluateDeadline(Duration budget) {
    static final String VARIABLE = "QUANTS_INFRA_EVALUATE_DEADLINE_SECONDS";
    static final Duration DEFAULT = Duration.ofSeconds(25);

    static EvaluateDeadline from(Map<String, String> env) {
        String v = env.get(VARIABLE);
        if (v == null || v.isBlank()) {
            return new EvaluateDeadline(DEFAULT);
        }
        int seconds;
        try {
            seconds = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(VARIABLE + " must be whole seconds, got '" + v + "'");
        }
        if (seconds < 1 || seconds > 28) {
            throw new IllegalStateException(VARIABLE + " must be 1 to 28 (API Gateway answers 504 after 30 s), got " + seconds);
        }
        return new EvaluateDeadline(Duration.ofSeconds(seconds));
    }

    /** The bean, from the environment with local mode's overlay applied. */
    @Factory
    static final class Beans {
        @Singleton
        EvaluateDeadline evaluateDeadline(Optional<SettingsOverlay> overlay) {
            Map<String, String> env = new HashMap<>(System.getenv());
            overlay.ifPresent(o -> env.putAll(o.values()));
            return from(env);
        }
    }
}
