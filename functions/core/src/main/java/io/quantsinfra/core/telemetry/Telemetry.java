package io.quantsinfra.core.telemetry;

/**
 * Port: where the domain services report what they did, for the control plane's own metrics. Recording must be
 * cheap and must never fail the operation it describes; publishing is the adapter's business.
 *
 * {@snippet :
 * List<TelemetryEvent> seen = new ArrayList<>();
 * Telemetry telemetry = seen::add;                 // an in-memory fake for tests
 * telemetry.record(new TelemetryEvent.Notification("pager", TelemetryEvent.Notification.SENT));
 * }
 */
@FunctionalInterface
public interface Telemetry {
    /** Drops every event: metrics off. */
    Telemetry NONE = event -> { };

    void record(TelemetryEvent event);
}
