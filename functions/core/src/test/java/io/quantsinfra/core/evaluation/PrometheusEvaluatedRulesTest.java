package io.quantsinfra.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.inmemory.InMemoryAlertStore;
import io.quantsinfra.core.inmemory.InMemoryHeartbeats;
import io.quantsinfra.core.inmemory.InMemoryLease;
import io.quantsinfra.core.inmemory.InMemoryMetrics;
import io.quantsinfra.core.inmemory.InMemoryRuleStore;
import io.quantsinfra.core.metrics.PrometheusQuery;
import io.quantsinfra.core.metrics.SeriesDiscovery;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.promql.Sample;
import io.quantsinfra.core.rule.RuleService;
import io.quantsinfra.core.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Rules the monitor's Prometheus evaluates, through the cycle with an in-memory {@link PrometheusQuery}: the vector
 * it answers drives the same state machine; an unanswered query is that rule's error, its alerts keep their state,
 * other rules go on; the queries are bounded by the cycle's budget.
 */
class PrometheusEvaluatedRulesTest {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final Map<String, String> SVC = Map.of("ClusterName", "quants-infra", "ServiceName", "freqtrade-1");

    final InMemoryMetrics metrics = new InMemoryMetrics();
    final InMemoryAlertStore store = new InMemoryAlertStore();
    final RuleService rules = new RuleService(new InMemoryRuleStore(), Clock.fixed(T0, ZoneOffset.UTC));
    final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    final AtomicReference<PrometheusQuery> prometheus = new AtomicReference<>();
    final AlertEvaluator evaluator = new AlertEvaluator(rules, store, new InMemoryLease(), metrics,
            new SeriesDiscovery(metrics, Clock.fixed(T0, ZoneOffset.UTC), Duration.ZERO),
            (alerts, now) -> AlertSink.Delivery.NONE, new InMemoryHeartbeats(), Clock.fixed(T0, ZoneOffset.UTC),
            "https://docs.example", Telemetry.NONE, (expr, time, timeout) -> {
                asked.add(expr + " @ " + time);
                return prometheus.get().query(expr, time, timeout);
            });

    static final String RULES = """
            groups:
              - name: g
                rules:
                  - alert: TargetDown
                    expr: up == 0
                    for: 2m
                    annotations: {summary: "{{ $labels.job }} down ({{ $value }})"}
                  - alert: SlowApi
                    expr: histogram_quantile(0.99, sum by (le) (rate(api_seconds_bucket[5m]))) > 0.5
                  - alert: HighCpu
                    expr: aws_ecs_cpuutilization_average{service_name="freqtrade-1"} > 80
            """;

    @SuppressWarnings("unchecked")
    void rules(String yaml) {
        rules.apply("test", (Map<String, Object>) new Yaml().load(yaml), "tester");
    }

    CycleReport at(int minute) {
        return evaluator.run(T0.plus(Duration.ofMinutes(minute)).plusSeconds(5), false, T0.plus(Duration.ofSeconds(25)));
    }

    List<String> states() {
        return store.all().stream().map(a -> a.alertname() + " " + a.state().value() + " " + a.labels().get("job")).sorted().toList();
    }

    @Test
    void theAnsweredVector_drivesTheStateMachine_onePrometheusQueryPerRule() {
        rules(RULES);
        for (int m = -1; m <= 5; m++) {
            metrics.put("AWS/ECS", "CPUUtilization", SVC, T0.plus(Duration.ofMinutes(m)), 95);
        }
        prometheus.set((expr, time, timeout) -> expr.startsWith("up") ? List.of(new Sample(Labels.of("job", "collector"), 0))
                : List.of());
        CycleReport r = at(0);
        assertEquals(2, r.prometheusQueries());
        assertEquals(List.of(), r.errors());
        assertEquals(List.of("HighCpu firing ", "TargetDown pending collector"), states());
        assertTrue(asked.contains("up == 0 @ 2026-03-02T10:00:05Z"), asked::toString);
        at(2);
        assertEquals(List.of("HighCpu firing ", "TargetDown firing collector"), states());
        assertEquals("collector down (0)", store.all().stream().filter(a -> a.alertname().equals("TargetDown")).findFirst()
                .orElseThrow().annotations().get("summary"));
        prometheus.set((expr, time, timeout) -> List.of());
        at(3);
        assertEquals(List.of("HighCpu firing ", "TargetDown resolved collector"), states());
    }

    @Test
    void anUnansweredQuery_isThatRulesError_itsAlertsKeepTheirState_andOtherRulesGoOn() {
        rules(RULES);
        prometheus.set((expr, time, timeout) -> expr.startsWith("up") ? List.of(new Sample(Labels.of("job", "collector"), 0))
                : List.of());
        at(0);
        at(2);
        prometheus.set((expr, time, timeout) -> {
            throw new PrometheusQuery.Failure("no monitor is running");
        });
        for (int m = 2; m <= 4; m++) {
            metrics.put("AWS/ECS", "CPUUtilization", SVC, T0.plus(Duration.ofMinutes(m)), 95);
        }
        CycleReport r = at(4);
        assertEquals(List.of("test/g/SlowApi: no monitor is running", "test/g/TargetDown: no monitor is running"),
                r.errors().stream().sorted().toList());
        assertEquals(List.of("HighCpu firing ", "TargetDown firing collector"), states(),
                "TargetDown keeps firing while unanswered; HighCpu is evaluated over CloudWatch as ever");
    }

    @Test
    void slowQueries_areCutOffAtTheCyclesBudget_asRuleErrors() {
        rules(RULES);
        prometheus.set((expr, time, timeout) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        });
        long t0 = System.nanoTime();
        CycleReport r = evaluator.run(T0.plusSeconds(5), false, T0.plus(Duration.ofSeconds(2)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 3_000, "the queries took " + ms + " ms of a 2 s deadline");
        assertEquals(2, r.errors().size(), r.errors()::toString);
        assertTrue(r.errors().stream().allMatch(e -> e.contains("did not answer within the cycle's 1000 ms")
                || e.contains("no time was left")), r.errors()::toString);
    }

    @Test
    void withoutAMonitor_everyPrometheusRuleReportsIt() {
        AlertEvaluator none = new AlertEvaluator(rules, store, new InMemoryLease(), metrics,
                new SeriesDiscovery(metrics, Clock.fixed(T0, ZoneOffset.UTC), Duration.ZERO),
                (alerts, now) -> AlertSink.Delivery.NONE, new InMemoryHeartbeats(), Clock.fixed(T0, ZoneOffset.UTC),
                "https://docs.example");
        rules(RULES);
        CycleReport r = none.run(T0.plusSeconds(5), false);
        assertEquals(2, r.errors().size());
        assertTrue(r.errors().getFirst().contains("no monitor's Prometheus is configured"), r.errors()::toString);
    }
}
