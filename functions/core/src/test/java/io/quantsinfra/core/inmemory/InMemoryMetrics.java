package io.quantsinfra.core.inmemory;

import io.quantsinfra.core.metrics.Datapoints;
import io.quantsinfra.core.metrics.MetricId;
import io.quantsinfra.core.metrics.MetricPublisher;
import io.quantsinfra.core.metrics.MetricSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CloudWatch in memory: one value per series and minute (the last put wins), read back for any statistic.
 * Counts the requests made, as the benchmarks report them.
 */
public final class InMemoryMetrics implements MetricSource, MetricPublisher {
    private final Map<MetricId, TreeMap<Long, Double>> data = new ConcurrentHashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicInteger lists = new AtomicInteger();
    private final AtomicInteger fetchedSeries = new AtomicInteger();

    /** Puts one value of {@code name} with {@code dimensions} in {@code namespace} at {@code at}'s minute. */
    public void put(String namespace, String name, Map<String, String> dimensions, Instant at, double value) {
        data.computeIfAbsent(MetricId.of(namespace, name, dimensions, null), k -> new TreeMap<>())
                .put(at.truncatedTo(ChronoUnit.MINUTES).toEpochMilli(), value);
    }

    @Override
    public void publish(String namespace, List<Datum> datums) {
        datums.forEach(d -> put(namespace, d.name(), d.dimensions(), d.timestamp(), d.value()));
    }

    @Override
    public List<MetricId> list(String namespace, String metricName) {
        lists.incrementAndGet();
        List<MetricId> out = new ArrayList<>();
        for (MetricId id : data.keySet()) {
            if ((namespace == null || id.namespace().equals(namespace)) && (metricName == null || id.name().equals(metricName))) {
                out.add(id);
            }
        }
        return out;
    }

    @Override
    public Map<MetricId, Datapoints> fetch(List<MetricId> series, Instant start, Instant end, Duration period) {
        if (series.size() > MAX_PER_REQUEST) {
            throw new IllegalArgumentException(series.size() + " series in one request; at most " + MAX_PER_REQUEST);
        }
        fetches.incrementAndGet();
        fetchedSeries.addAndGet(series.size());
        Map<MetricId, Datapoints> out = new HashMap<>();
        for (MetricId id : series) {
            TreeMap<Long, Double> points = data.get(id.withStat(null));
            if (points == null) {
                out.put(id, Datapoints.NONE);
                continue;
            }
            var window = points.subMap(start.toEpochMilli(), true, end.toEpochMilli(), false);
            long[] t = new long[window.size()];
            double[] v = new double[window.size()];
            int i = 0;
            for (var e : window.entrySet()) {
                t[i] = e.getKey();
                v[i++] = e.getValue();
            }
            out.put(id, new Datapoints(t, v));
        }
        return out;
    }

    /** GetMetricData requests so far. */
    public int fetches() {
        return fetches.get();
    }

    /** ListMetrics requests so far. */
    public int lists() {
        return lists.get();
    }

    /** Series asked for in all fetches so far (what GetMetricData bills). */
    public int fetchedSeries() {
        return fetchedSeries.get();
    }

    /** The value stored for a series at a minute, or null. */
    public Double value(String namespace, String name, Map<String, String> dimensions, Instant at) {
        TreeMap<Long, Double> points = data.get(MetricId.of(namespace, name, dimensions, null));
        return points == null ? null : points.get(at.truncatedTo(ChronoUnit.MINUTES).toEpochMilli());
    }
}
