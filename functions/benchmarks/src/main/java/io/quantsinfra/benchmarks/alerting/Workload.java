package io.quantsinfra.benchmarks.alerting;

import io.quantsinfra.core.inmemory.InMemoryMetrics;
import io.quantsinfra.core.metrics.MetricPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark workload: {@code series} ECS services with CPU, memory and a trade counter, and {@code rules}
 * rules over them in a realistic mix: 40 % instant thresholds, 30 % avg_over_time over 5 minutes, 20 % rate
 * over 5 minutes, 10 % sum by over a regex; every rule has a templated summary; about half of them breach.
 */
final class Workload {
    /** The evaluation time: this minute (the emulator keeps any timestamp; CloudWatch refuses data older than two weeks). */
    static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    static final int MINUTES = 15;

    private Workload() {}

    /** Datapoints for the last {@link #MINUTES} minutes: {@code services} services × CPU (and, when {@code all}, memory and trades). */
    static List<MetricPublisher.Datum> data(int services, boolean all) {
        List<MetricPublisher.Datum> out = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            Map<String, String> dims = Map.of("ClusterName", "quants-infra", "ServiceName", "svc-" + s);
            for (int m = 1; m <= MINUTES; m++) {
                Instant at = NOW.minus(Duration.ofMinutes(m));
                out.add(new MetricPublisher.Datum("CPUUtilization", dims, 40 + (s % 60) + (m % 3), at));
                if (all) {
                    out.add(new MetricPublisher.Datum("MemoryUtilization", dims, 30 + (s % 50), at));
                }
            }
        }
        return out;
    }

    static InMemoryMetrics metrics(int services) {
        InMemoryMetrics m = new InMemoryMetrics();
        for (MetricPublisher.Datum d : data(services, true)) {
            m.put("AWS/ECS", d.name(), d.dimensions(), d.timestamp(), d.value());
        }
        for (int s = 0; s < services; s++) {
            for (int min = 1; min <= MINUTES; min++) {
                m.put("Trading", "trades_total", Map.of("service", "svc-" + s), NOW.minus(Duration.ofMinutes(min)), 1000 - min * (s % 7));
            }
        }
        return m;
    }

    /** A rule file document with {@code rules} rules over {@code services} services. */
    static Map<String, Object> rules(int rules, int services, boolean cpuOnly) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            String svc = "svc-" + (i % services);
            int kind = cpuOnly ? i % 2 : i % 10;
            String expr = switch (kind) {
                case 0, 1, 2, 3 -> "aws_ecs_cpuutilization_average{service_name=\"" + svc + "\"} > 70";
                case 4, 5, 6 -> "avg_over_time(aws_ecs_memory_utilization_average{service_name=\"" + svc + "\"}[5m]) > 55";
                case 7, 8 -> "rate(trades_total{service=\"" + svc + "\"}[5m]) < 0.01";
                default -> "sum by (cluster_name) (aws_ecs_cpuutilization_average{service_name=~\"svc-" + (i % 10) + ".*\"}) > 1000";
            };
            if (cpuOnly) {
                expr = i % 2 == 0 ? "aws_ecs_cpuutilization_average{service_name=\"" + svc + "\"} > 70"
                        : "avg_over_time(aws_ecs_cpuutilization_average{service_name=\"" + svc + "\"}[5m]) > 80";
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("alert", "Rule" + i);
            r.put("expr", expr);
            r.put("labels", Map.of("severity", i % 3 == 0 ? "critical" : "warning"));
            r.put("annotations", Map.of("summary", "{{ $labels.service_name }}{{ $labels.service }} at {{ $value | humanize }}"));
            list.add(r);
        }
        return Map.of("groups", List.of(Map.of("name", "bench", "rules", list)));
    }
}
