package io.quantsinfra.core.telemetry;

import java.time.Duration;

/** What the domain reports to {@link Telemetry}: a closed set, one record per kind of event. */
public sealed interface TelemetryEvent {

    /**
     * A deploy (or dry run) finished.
     *
     * @param result {@code changed}, {@code unchanged}, {@code planned} (dry run), {@code rejected} (bad input,
     *               unknown service, another change in progress: nothing was attempted) or {@code failed}
     */
    record Deploy(String result, Duration took) implements TelemetryEvent {
        public static final String REJECTED = "rejected";
        public static final String FAILED = "failed";
    }

    /**
     * An alert evaluation cycle finished.
     *
     * @param outcome      {@link #EVALUATED}, {@link #SKIPPED} (another evaluation held the lease; nothing was
     *                     evaluated, the counts are 0) or {@link #FAILED} (the cycle threw)
     * @param rules        rules evaluated
     * @param rulesFiring  rules with at least one firing alert after the cycle
     * @param alertsFiring firing alerts after the cycle
     * @param errors       rule and delivery errors the cycle reported
     */
    record Evaluation(String outcome, Duration took, int rules, int rulesFiring, int alertsFiring, int errors)
            implements TelemetryEvent {
        public static final String EVALUATED = "evaluated";
        public static final String SKIPPED = "skipped";
        public static final String FAILED = "failed";

        /** A cycle that evaluated nothing: skipped or failed. */
        public static Evaluation without(String outcome, Duration took) {
            return new Evaluation(outcome, took, 0, 0, 0, 0);
        }
    }

    /**
     * One group notification to a receiver was due and tried.
     *
     * @param result {@link #SENT}, {@link #FAILED} (every endpoint failed; retried next cycle) or {@link #ERROR}
     *               (the notification log or a secret could not be read)
     */
    record Notification(String receiver, String result) implements TelemetryEvent {
        public static final String SENT = "sent";
        public static final String FAILED = "failed";
        public static final String ERROR = "error";
    }
}
