package io.quantsinfra.core.metrics;

import io.quantsinfra.core.promql.Labels;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One CloudWatch series: namespace, metric name, dimensions and the statistic read at a 1-minute period.
 * {@code stat} is {@code null} on what discovery returns (ListMetrics knows no statistic).
 */
public record MetricId(String namespace, String name, SortedMap<String, String> dimensions, String stat) {
    public MetricId {
        dimensions = Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
    }

    public static MetricId of(String namespace, String name, Map<String, String> dimensions, String stat) {
        return new MetricId(namespace, name, new TreeMap<>(dimensions), stat);
    }

    public MetricId withStat(String s) {
        return new MetricId(namespace, name, dimensions, s);
    }

    /** The Prometheus labels of this series: each dimension under its snake_case name. */
    public Labels labels() {
        TreeMap<String, String> m = new TreeMap<>();
        dimensions.forEach((k, v) -> m.put(CloudWatchNames.label(k), v));
        return Labels.of(m);
    }

    @Override
    public String toString() {
        return namespace + " " + name + dimensions + (stat == null ? "" : " " + stat);
    }
}
