package io.quantsinfra.core.evaluation;

import java.time.Instant;
import java.util.List;

/** Where a cycle's alerts go after evaluation: routing, grouping and notification. */
public interface AlertSink {
    /** What the delivery step did. */
    record Delivery(int sent, int failed, int muted, List<String> notices, List<String> errors) {
        public static final Delivery NONE = new Delivery(0, 0, 0, List.of(), List.of());

        public Delivery {
            notices = List.copyOf(notices);
            errors = List.copyOf(errors);
        }
    }

    /** Handles every current alert (pending, firing, resolved) at {@code now}. */
    Delivery deliver(List<Alert> alerts, Instant now);
}
