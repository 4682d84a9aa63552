package io.quantsinfra.scheduled;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a scheduled cycle must end: the invocation's remaining time (the Lambda context's) less a margin for giving
 * the lease back, printing the report and flushing metrics. Without a context (tests, local runs) the scheduled
 * functions' timeout in the CDK stack (60 s) stands in for the remaining time.
 *
 * {@snippet :
 * Instant deadline = InvocationDeadline.of(clock, context); // 60 s left → 50 s from now
 * }
 */
final class InvocationDeadline {
    /** The scheduled functions' timeout ({@code infra-cdk} {@code ControlPlaneStack}: 60 s). */
    static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(60);
    /** Kept back from the remaining time for what follows the cycle. */
    static final Duration MARGIN = Duration.ofSeconds(10);
    /** The least a cycle is given, however little the context says is left. */
    static final Duration FLOOR = Duration.ofSeconds(1);

    private InvocationDeadline() {}

    static Instant of(Clock clock, Context context) {
        Duration remaining = context == null ? LAMBDA_TIMEOUT : Duration.ofMillis(context.getRemainingTimeInMillis());
        Duration budget = remaining.minus(MARGIN);
        return clock.instant().plus(budget.compareTo(FLOOR) < 0 ? FLOOR : budget);
    }
}
