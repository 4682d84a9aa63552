package io.quantsinfra.aws.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quantsinfra.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each core event becomes the meters docs/metrics.md lists, with their dimensions. */
class MicrometerTelemetryTest {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MicrometerTelemetry telemetry = new MicrometerTelemetry(registry);

    @Test
    void deploy_isATimerByResult() {
        telemetry.record(new TelemetryEvent.Deploy("unchanged", Duration.ofMillis(40)));

        var t = registry.get(ControlPlaneMetrics.DEPLOY).tag("result", "unchanged").timer();
        assertEquals(1, t.count());
        assertEquals(40.0, t.totalTime(TimeUnit.MILLISECONDS));
    }

    @Test
    void evaluatedCycle_isATimerByOutcome_andOneValueOfRulesAndAlertsFiring() {
        telemetry.record(new TelemetryEvent.Evaluation("evaluated", Duration.ofMillis(900), 12, 2, 5, 0));

        assertEquals(1, registry.get(ControlPlaneMetrics.EVALUATION).tag("outcome", "evaluated").timer().count());
        assertEquals(2.0, registry.get(ControlPlaneMetrics.RULES_FIRING).summary().totalAmount());
        assertEquals(5.0, registry.get(ControlPlaneMetrics.ALERTS_FIRING).summary().totalAmount());
    }

    @Test
    void skippedCycle_recordsNoFiringCounts() {
        telemetry.record(TelemetryEvent.Evaluation.without("skipped", Duration.ofMillis(30)));

        assertEquals(1, registry.get(ControlPlaneMetrics.EVALUATION).tag("outcome", "skipped").timer().count());
        assertEquals(0, registry.find(ControlPlaneMetrics.RULES_FIRING).meters().size());
    }

    @Test
    void notification_isACounterByReceiverAndResult() {
        telemetry.record(new TelemetryEvent.Notification("pager", "sent"));
        telemetry.record(new TelemetryEvent.Notification("pager", "sent"));
        telemetry.record(new TelemetryEvent.Notification("chat", "failed"));

        assertEquals(2.0, registry.get(ControlPlaneMetrics.NOTIFICATIONS).tags("receiver", "pager", "result", "sent").counter().count());
        assertEquals(1.0, registry.get(ControlPlaneMetrics.NOTIFICATIONS).tags("receiver", "chat", "result", "failed").counter().count());
    }

    @Test
    void aRegistryThatThrows_neverFailsTheOperation() {
        registry.config().meterFilter(new io.micrometer.core.instrument.config.MeterFilter() {
            @Override
            public io.micrometer.core.instrument.Meter.Id map(io.micrometer.core.instrument.Meter.Id id) {
                throw new IllegalStateException("broken filter");
            }
        });

        telemetry.record(new TelemetryEvent.Notification("pager", "sent"));

        assertEquals(0, registry.getMeters().size());
    }
}
