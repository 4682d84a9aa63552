package io.quantsinfra.core.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Port: reads CloudWatch. The CloudWatch adapter implements it with ListMetrics and GetMetricData. */
public interface MetricSource {
    /** Most series one {@link #fetch} may ask for (GetMetricData's limit of metric queries per request). */
    int MAX_PER_REQUEST = 500;

    /**
     * Every series with recent data (all pages) in {@code namespace} and/or named {@code metricName};
     * either may be {@code null}, not both. The stat of the returned ids is {@code null}.
     */
    List<MetricId> list(String namespace, String metricName);

    /**
     * Datapoints of at most {@link #MAX_PER_REQUEST} series over {@code [start, end)} at {@code period}: one
     * request (plus its continuation pages). Series without data map to {@link Datapoints#NONE}.
     */
    Map<MetricId, Datapoints> fetch(List<MetricId> series, Instant start, Instant end, Duration period);
}
