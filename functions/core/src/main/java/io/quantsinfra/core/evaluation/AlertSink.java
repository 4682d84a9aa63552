package io.quantsinfra.core.evaluation;

import java.time.Instant;
import java.util.List;

/** Where a cycle's alerts go after evaluation: routing, grouping and notification. */
public interface AlertSink {
    /**
     * What the delivery step did. {@code left} lists the notifications the deadline left for the next cycle (claimed,
     * not or not fully sent; the next cycle takes them over without sending any endpoint one twice).
     */
    record Delivery(int sent, int failed, int muted, List<String> notices, List<String> errors, List<String> left) {
        public static final Delivery NONE = new Delivery(0, 0, 0, List.of(), List.of(), List.of());

        public Delivery {
            notices = List.copyOf(notices);
            errors = List.copyOf(errors);
            left = List.copyOf(left);
        }

        public Delivery(int sent, int failed, int muted, List<String> notices, List<String> errors) {
            this(sent, failed, muted, notices, errors, List.of());
        }
    }

    /** Handles every current alert (pending, firing, resolved) at {@code now}. */
    Delivery deliver(List<Alert> alerts, Instant now);

    /** As above, settling what fits before {@code deadline} and leaving the rest for the next cycle. */
    default Delivery deliver(List<Alert> alerts, Instant now, Instant deadline) {
        return deliver(alerts, now);
    }
}
