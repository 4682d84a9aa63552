package io.quantsinfra.core.metrics;

import io.quantsinfra.core.error.QuantsInfraException;
import io.quantsinfra.core.promql.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Port: the monitor's Prometheus, asked for the instant vector an expression gives at one instant
 * ({@code GET /api/v1/query?query=…&time=…}). Rules whose expression only Prometheus can answer are evaluated
 * through it (see {@code AlertRule#byPrometheus}); everything after the vector — the state machine, routing,
 * silences, delivery — is as for rules over CloudWatch.
 *
 * {@snippet :
 * List<Sample> v = prometheus.query("up == 0", now, Duration.ofSeconds(5));
 * }
 */
@FunctionalInterface
public interface PrometheusQuery {
    /** No monitor's Prometheus configured: every query fails saying so. */
    PrometheusQuery NONE = (expression, time, timeout) -> {
        throw new Failure("no monitor's Prometheus is configured for the control plane; deploy the monitor "
                + "(quants-infra deploy --service monitor) so rules it evaluates can be answered");
    };

    /**
     * The samples {@code expression} gives at {@code time}, without {@code __name__} (as Prometheus' own alerting
     * rules drop it); a scalar result is one sample without labels. At most {@code timeout} is spent.
     *
     * @throws Failure when there is no Prometheus, it cannot be reached in time, or it answers an error or
     *                 something that is not a vector; the message is safe to show (no URL query, no body)
     */
    List<Sample> query(String expression, Instant time, Duration timeout);

    /** Why a query could not be answered; the message is meant for the rule's error in the cycle report. */
    final class Failure extends QuantsInfraException {
        public Failure(String message) {
            super(message);
        }

        @Override
        public Kind kind() {
            return Kind.UPSTREAM;
        }
    }
}
