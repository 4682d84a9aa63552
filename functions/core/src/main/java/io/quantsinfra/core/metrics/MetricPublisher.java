package io.quantsinfra.core.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Port: writes datapoints to CloudWatch (PutMetricData). */
public interface MetricPublisher {

    /** One datapoint of a metric named in Prometheus style, its dimensions as labels. */
    record Datum(String name, Map<String, String> dimensions, double value, Instant timestamp) {
        public Datum {
            dimensions = Map.copyOf(dimensions);
        }
    }

    /** Publishes {@code data} to {@code namespace}; adapters split into as many requests as the API allows. */
    void publish(String namespace, List<Datum> data);
}
