package io.quantsinfra.api.telemetry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micronaut.configuration.metrics.binder.web.config.HttpServerMeterConfig;
import io.quantsinfra.aws.telemetry.ControlPlaneMetrics;

/**
 * Micronaut's HTTP server timer ({@code http.server.requests}, tags uri, method, status, exception) as
 * {@link ControlPlaneMetrics#API_REQUEST} with three small dimensions: {@code route} (the route template, or
 * {@code NOT_FOUND}), {@code method}, {@code status} as a class ({@code 2xx}). Every other meter is denied: what is
 * published is exactly {@link ControlPlaneMetrics#ALL}, each dimension combination a billed CloudWatch metric.
 */
final class ApiRequestMeterFilter implements MeterFilter {

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().equals(HttpServerMeterConfig.REQUESTS_METRIC)) {
            return id;
        }
        return id.withName(ControlPlaneMetrics.API_REQUEST).replaceTags(Tags.of(
                ControlPlaneMetrics.ROUTE, orUnknown(id.getTag("uri")),
                ControlPlaneMetrics.METHOD, orUnknown(id.getTag("method")),
                ControlPlaneMetrics.STATUS, statusClass(id.getTag("status"))));
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return ControlPlaneMetrics.ALL.contains(id.getName()) ? MeterFilterReply.NEUTRAL : MeterFilterReply.DENY;
    }

    private static String statusClass(String status) {
        try {
            return ControlPlaneMetrics.statusClass(Integer.parseInt(status));
        } catch (NumberFormatException e) {
            return "other";
        }
    }

    private static String orUnknown(String v) {
        return v == null || v.isBlank() ? "unknown" : v;
    }
}
