package io.quantsinfra.core.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.inmemory.InMemoryRuleStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which rules the monitor's Prometheus evaluates, and why; the apply warning that says so. */
class PrometheusRulesTest {

    private static AlertRule one(String expr, Map<String, Object> annotations) {
        Map<String, Object> rule = annotations.isEmpty() ? Map.of("alert", "A", "expr", expr)
                : Map.of("alert", "A", "expr", expr, "annotations", annotations);
        return RuleFiles.parse("f", Map.of("groups", List.of(Map.of("name", "g", "rules", List.of(rule))))).getFirst()
                .rules().getFirst();
    }

    static Stream<Arguments> evaluatedByPrometheus() {
        return Stream.of(
                Arguments.of("up == 0", "it reads up"),
                Arguments.of("absent(up{job=\"prometheus\"})", "it reads up"),
                Arguments.of("histogram_quantile(0.99, sum by (le) (rate(http_duration_seconds_bucket[5m]))) > 1",
                        "histogram_quantile(), it reads http_duration_seconds_bucket"),
                Arguments.of("min_over_time(sum by (pod) (kube_pod_status_phase{phase=\"Pending\"})[15m:1m]) > 0", "a subquery"),
                Arguments.of("min_over_time(node_memory_MemFree_bytes[1w]) > 1", "a range of [1w] (beyond the 1d read from CloudWatch)"),
                Arguments.of("{__name__=~\"pg_settings_.*\"} != ON(__name__) {__name__=~\"pg_settings_.*\"} OFFSET 5m",
                        "a selector by {__name__…}"),
                Arguments.of("collector_snapshots_written_total @ 1700000000 > 1", "the @ modifier"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void evaluatedByPrometheus(String expr, String why) {
        AlertRule r = one(expr, Map.of());
        assertTrue(r.byPrometheus(), expr);
        assertEquals(why, r.prometheus());
        assertEquals(expr, r.exprText(), "the whole expression is what Prometheus is asked");
    }

    @Test
    void whatCloudWatchAnswers_staysOnCloudWatch() {
        for (String expr : List.of("aws_ecs_cpuutilization_average > 80", "rate(collector_snapshots_written_total[5m]) == 0",
                "node_load15 > 2", "max_over_time(m[1d]) > 1")) {
            AlertRule r = one(expr, Map.of());
            assertFalse(r.byPrometheus(), expr);
            assertNull(r.prometheus());
        }
    }

    @Test
    void theSourceAnnotation_choosesPrometheus_forNamesTheMonitorScrapes_andIsNotAnAnnotation() {
        AlertRule r = one("node_load15 > 2", Map.of(AlertRule.SOURCE, "prometheus", "summary", "load"));
        assertTrue(r.byPrometheus());
        assertEquals("quants_infra_source: prometheus", r.prometheus());
        assertEquals(Map.of("summary", "load"), r.annotations());
    }

    @Test
    void apply_warnsOfEveryRuleThePrometheusEvaluates() {
        RuleService rules = new RuleService(new InMemoryRuleStore(), Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
        RuleService.Applied a = rules.apply("f", Map.of("groups", List.of(Map.of("name", "g", "rules", List.of(
                Map.of("alert", "Down", "expr", "up == 0"), Map.of("alert", "Cpu", "expr", "aws_ecs_cpuutilization_average > 80"))))),
                "alice");
        assertEquals(List.of("group 'g', rule 'Down': evaluated by the monitor's Prometheus (it reads up); it needs a deployed "
                + "monitor (quants-infra deploy --service monitor), and each cycle without one reports it as an evaluation error"), a.warnings());
        assertEquals(a.warnings(), rules.apply("f", Map.of("groups", List.of(Map.of("name", "g", "rules", List.of(
                Map.of("alert", "Down", "expr", "up == 0"), Map.of("alert", "Cpu", "expr", "aws_ecs_cpuutilization_average > 80"))))),
                "alice").warnings(), "an unchanged apply warns the same");
        assertEquals(List.of("Down"), rules.list().getFirst().byPrometheus(), "the listing marks it");
    }
}
