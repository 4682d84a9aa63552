package io.quantsinfra.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.inmemory.InMemoryAlertStore;
import io.quantsinfra.core.inmemory.InMemoryHeartbeats;
import io.quantsinfra.core.inmemory.InMemoryLease;
import io.quantsinfra.core.inmemory.InMemoryMetrics;
import io.quantsinfra.core.inmemory.InMemoryRuleStore;
import io.quantsinfra.core.metrics.SeriesDiscovery;
import io.quantsinfra.core.rule.RuleService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class AlertEvaluatorTest {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final Map<String, String> SVC = Map.of("ClusterName", "quants-infra", "ServiceName", "freqtrade-1");

    final InMemoryMetrics metrics = new InMemoryMetrics();
    final InMemoryAlertStore store = new InMemoryAlertStore();
    final InMemoryLease lease = new InMemoryLease();
    final InMemoryHeartbeats beats = new InMemoryHeartbeats();
    final RuleService rules = new RuleService(new InMemoryRuleStore(), Clock.fixed(T0, ZoneOffset.UTC));
    final List<List<Alert>> delivered = new ArrayList<>();
    final AlertEvaluator evaluator = new AlertEvaluator(rules, store, lease, metrics,
            new SeriesDiscovery(metrics, Clock.fixed(T0, ZoneOffset.UTC), Duration.ZERO),
            (alerts, now) -> {
                delivered.add(alerts);
                return AlertSink.Delivery.NONE;
            }, beats, Clock.fixed(T0, ZoneOffset.UTC), "https://docs.example");

    @SuppressWarnings("unchecked")
    void rules(String yaml) {
        rules.apply("test", (Map<String, Object>) new Yaml().load(yaml), "tester");
    }

    void cpu(int fromMinute, int toMinute, double value) {
        for (int m = fromMinute; m <= toMinute; m++) {
            metrics.put("AWS/ECS", "CPUUtilization", SVC, T0.plus(Duration.ofMinutes(m)), value);
        }
    }

    Alert only() {
        List<Alert> all = store.all();
        assertEquals(1, all.size(), all::toString);
        return all.getFirst();
    }

    CycleReport at(int minute) {
        return evaluator.run(T0.plus(Duration.ofMinutes(minute)).plusSeconds(5), false);
    }

    static final String HIGH_CPU = """
            groups:
              - name: ecs
                rules:
                  - alert: HighCpu
                    expr: aws_ecs_cpuutilization_average{service_name="freqtrade-1"} > 80
                    for: 3m
                    labels: {severity: warning}
                    annotations:
                      summary: "{{ $labels.service_name }} CPU at {{ $value | humanize }}%"
            """;

    @Test
    void for_holdsAlertPending_untilItElapses() {
        rules(HIGH_CPU);
        cpu(-1, 10, 95);

        at(0);
        assertEquals(AlertState.PENDING, only().state());
        at(2);
        assertEquals(AlertState.PENDING, only().state());
        CycleReport r = at(3);
        Alert a = only();
        assertEquals(AlertState.FIRING, a.state());
        assertEquals("freqtrade-1 CPU at 95%", a.annotations().get("summary"));
        assertEquals("HighCpu", a.alertname());
        assertEquals("warning", a.labels().get("severity"));
        assertEquals("quants-infra", a.labels().get("cluster_name"));
        assertTrue(r.transitions().getFirst().endsWith("pending → firing"), r.transitions()::toString);
        assertEquals(T0, a.activeAt());
        assertEquals(T0.plus(Duration.ofMinutes(3)), a.firedAt());
    }

    @Test
    void pendingThatStopsBreaching_isDropped_andFiringResolves_thenExpires() {
        rules(HIGH_CPU);
        cpu(-1, 0, 95);
        cpu(1, 1, 10);
        at(0);
        assertEquals(AlertState.PENDING, only().state());
        at(2);
        assertEquals(List.of(), store.all());

        cpu(2, 8, 95);
        at(3);
        at(6);
        assertEquals(AlertState.FIRING, only().state());
        cpu(9, 30, 10);
        at(10);
        assertEquals(AlertState.RESOLVED, only().state());
        assertEquals(T0.plus(Duration.ofMinutes(10)), only().resolvedAt());
        at(10 + 14);
        assertEquals(AlertState.RESOLVED, only().state());
        at(10 + 15);
        assertEquals(List.of(), store.all());
    }

    @Test
    void keepFiringFor_keepsFiringAfterTheConditionStops() {
        rules(HIGH_CPU.replace("for: 3m", "for: 0s\n        keep_firing_for: 5m"));
        cpu(-1, 0, 95);
        cpu(1, 20, 10);
        at(1);
        assertEquals(AlertState.FIRING, only().state());
        at(2);
        assertEquals(AlertState.FIRING, only().state());
        assertEquals(T0.plus(Duration.ofMinutes(2)), only().keepFiringSince());
        at(6);
        assertEquals(AlertState.FIRING, only().state());
        at(7);
        assertEquals(AlertState.RESOLVED, only().state());
    }

    @Test
    void datapointsMOfN_firesOnlyWhenMOfTheLastNMinutesBreach() {
        rules(HIGH_CPU.replace("for: 3m", "for: 0s").replace("annotations:", "annotations:\n          quants_infra_datapoints: \"3/5\""));
        cpu(0, 0, 95);
        cpu(1, 1, 10);
        cpu(2, 2, 95);
        cpu(3, 3, 10);
        at(4);
        assertEquals(List.of(), store.all());
        cpu(4, 4, 95);
        at(5);
        assertEquals(AlertState.FIRING, only().state());
        assertTrue(!only().annotations().containsKey("quants_infra_datapoints"));
    }

    @Test
    void missingDataBreaching_firesWhenAKnownSeriesStopsReporting() {
        rules(HIGH_CPU.replace("for: 3m", "for: 0s").replace("annotations:", "annotations:\n          quants_infra_missing_data: breaching"));
        cpu(0, 0, 10);
        at(1);
        assertEquals(List.of(), store.all());
        at(7);
        assertEquals(AlertState.FIRING, only().state());
    }

    @Test
    void missingDataIgnore_keepsTheStateWhileDataIsMissing_andMissingResolves() {
        rules(HIGH_CPU.replace("for: 3m", "for: 0s").replace("annotations:", "annotations:\n          quants_infra_missing_data: ignore"));
        cpu(0, 0, 95);
        at(1);
        assertEquals(AlertState.FIRING, only().state());
        at(9);
        assertEquals(AlertState.FIRING, only().state());

        rules(HIGH_CPU.replace("for: 3m", "for: 0s").replace("\n                    annotations:", "\n                    annotations:\n                      quants_infra_missing_data: missing"));
        store.all().forEach(store::remove);
        at(1);
        assertEquals(AlertState.FIRING, only().state());
        at(9);
        assertEquals(AlertState.RESOLVED, only().state());
    }

    @Test
    void groupInterval_isHonoured_andForceEvaluatesEveryGroup() {
        rules(HIGH_CPU.replace("for: 3m", "for: 0s").replace("- name: ecs", "- name: ecs\n    interval: 5m"));
        cpu(0, 20, 95);
        assertEquals(0, at(1).groups());
        assertEquals(List.of(), store.all());
        assertEquals(1, at(5).groups());
        assertEquals(AlertState.FIRING, only().state());
        assertEquals(1, evaluator.run(T0.plus(Duration.ofMinutes(6)), true).groups());
        assertNotNull(beats.last(Heartbeats.EVALUATION).orElse(null));
    }

    @Test
    void heldLease_skipsTheCycle() {
        rules(HIGH_CPU);
        cpu(0, 5, 95);
        lease.acquire(AlertEvaluator.LEASE, "someone-else", T0, Duration.ofMinutes(2));
        CycleReport r = at(1);
        assertNotNull(r.skipped());
        assertEquals(List.of(), store.all());
        assertEquals(List.of(), delivered);
    }

    @Test
    void deletingARule_resolvesItsFiringAlerts() {
        rules(HIGH_CPU.replace("for: 3m", "for: 0s"));
        cpu(0, 5, 95);
        at(1);
        assertEquals(AlertState.FIRING, only().state());
        rules.delete("test");
        at(2);
        assertEquals(AlertState.RESOLVED, only().state());
    }

    @Test
    void thousandRulesOverSixHundredSeries_takeTwoGetMetricDataRequests() {
        StringBuilder y = new StringBuilder("groups:\n  - name: many\n    rules:\n");
        for (int i = 0; i < 600; i++) {
            metrics.put("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "q", "ServiceName", "s" + i), T0, 50);
        }
        for (int i = 0; i < 1000; i++) {
            y.append("      - alert: R").append(i).append("\n        expr: aws_ecs_cpuutilization_average{service_name=\"s")
                    .append(i % 600).append("\"} > ").append(i % 2 == 0 ? 40 : 90).append('\n');
        }
        rules(y.toString());
        CycleReport r = at(1);
        assertEquals(1000, r.rules());
        assertEquals(600, r.series());
        assertEquals(2, r.getMetricDataRequests());
        assertEquals(2, metrics.fetches());
        assertEquals(1, r.listMetricsCalls());
        assertEquals(500, r.firing());
    }
}
