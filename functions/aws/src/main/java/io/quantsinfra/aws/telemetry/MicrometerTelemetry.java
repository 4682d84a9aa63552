package io.quantsinfra.aws.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.quantsinfra.core.telemetry.Telemetry;
import io.quantsinfra.core.telemetry.TelemetryEvent;

/**
 * The core's telemetry events as meters of {@link ControlPlaneMetrics} in any micrometer registry (the API's
 * Micronaut registry, the scheduled handlers' own). Recording never throws into the operation it describes.
 *
 * {@snippet :
 * Telemetry telemetry = new MicrometerTelemetry(registry);
 * Alerting.Options options = Alerting.Options.defaults(clock, docsUrl).withTelemetry(telemetry);
 * }
 */
public final class MicrometerTelemetry implements Telemetry {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MicrometerTelemetry.class);
    private final MeterRegistry registry;

    public MicrometerTelemetry(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void record(TelemetryEvent event) {
        try {
            switch (event) {
                case TelemetryEvent.Deploy d ->
                        registry.timer(ControlPlaneMetrics.DEPLOY, ControlPlaneMetrics.RESULT, d.result()).record(d.took());
                case TelemetryEvent.Evaluation e -> {
                    registry.timer(ControlPlaneMetrics.EVALUATION, ControlPlaneMetrics.OUTCOME, e.outcome()).record(e.took());
                    if (e.outcome().equals(TelemetryEvent.Evaluation.EVALUATED)) {
                        registry.summary(ControlPlaneMetrics.RULES_FIRING).record(e.rulesFiring());
                        registry.summary(ControlPlaneMetrics.ALERTS_FIRING).record(e.alertsFiring());
                    }
                }
                case TelemetryEvent.Notification n -> registry.counter(ControlPlaneMetrics.NOTIFICATIONS,
                        ControlPlaneMetrics.RECEIVER, n.receiver(), ControlPlaneMetrics.RESULT, n.result()).increment();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record {}: {}", event, e.toString());
        }
    }
}
