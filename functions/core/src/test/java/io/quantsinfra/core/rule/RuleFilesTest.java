package io.quantsinfra.core.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleFilesTest {

    static String rule(String body) {
        return "groups:\n  - name: g\n    rules:\n      - alert: A\n" + body.indent(8);
    }

    static Stream<Arguments> refuses() {
        return Stream.of(
                Arguments.of("no groups key", "rules: []", "rules", "unknown key 'rules'"),
                Arguments.of("groups not a list", "groups: {a: 1}", "groups", "must be a list"),
                Arguments.of("group without name", "groups:\n  - rules: []", "groups[0].name", "needs a name"),
                Arguments.of("duplicate group", "groups:\n  - name: g\n  - name: g", "groups[1].name", "appears twice"),
                Arguments.of("unknown group key", "groups:\n  - name: g\n    foo: 1", "groups[0].foo", "unknown key 'foo'"),
                Arguments.of("sub-minute interval", "groups:\n  - name: g\n    interval: 30s", "groups[0].interval", "whole minutes"),
                Arguments.of("bad interval", "groups:\n  - name: g\n    interval: soon", "groups[0].interval", "not a duration"),
                Arguments.of("recording rule", "groups:\n  - name: g\n    rules:\n      - record: x\n        expr: y",
                        "groups[0].rules[0].record", "recording rules ('record') are not supported"),
                Arguments.of("rule without alert", "groups:\n  - name: g\n    rules:\n      - expr: up", "groups[0].rules[0].alert", "needs 'alert'"),
                Arguments.of("missing expr", rule("for: 1m"), "groups[0].rules[0].expr", "expr is required"),
                Arguments.of("expr syntax", rule("expr: 'm{a=\"1\" > 1'"), "groups[0].rules[0].expr", "group 'g', rule 'A': expr:"),
                Arguments.of("histogram_quantile over CloudWatch", rule("expr: histogram_quantile(0.9, rate(x_bucket[5m])) > 1\n"
                        + "annotations: {quants_infra_source: cloudwatch}"), "groups[0].rules[0].expr", "histogram_quantile() is not supported"),
                Arguments.of("up over CloudWatch", rule("expr: up == 0\nannotations: {quants_infra_source: cloudwatch}"),
                        "groups[0].rules[0].expr", "quants_infra_instance_up"),
                Arguments.of("CloudWatch name beside a subquery", rule("expr: max_over_time(aws_ecs_cpuutilization_average[1h:5m]) > 90"),
                        "groups[0].rules[0].expr", "reads aws_ecs_cpuutilization_average, which only CloudWatch holds, and uses a "
                        + "subquery, which only the monitor's Prometheus evaluates; split it"),
                Arguments.of("bad source", rule("expr: m > 1\nannotations: {quants_infra_source: grafana}"),
                        "groups[0].rules[0].annotations.quants_infra_source", "cloudwatch or prometheus"),
                Arguments.of("datapoints on a Prometheus rule", rule("expr: up == 0\nannotations: {quants_infra_datapoints: '3/5'}"),
                        "groups[0].rules[0].annotations.quants_infra_datapoints", "applies to rules evaluated over CloudWatch"),
                Arguments.of("garbage is refused for Prometheus too", rule("expr: 'up == '"), "groups[0].rules[0].expr",
                        "ends too early"),
                Arguments.of("unknown aws namespace", rule("expr: aws_foo_bar_average > 1"), "groups[0].rules[0].expr",
                        "names no namespace quants-infra maps"),
                Arguments.of("aws without statistic", rule("expr: aws_ecs_cpuutilization > 1"), "groups[0].rules[0].expr",
                        "no statistic"),
                Arguments.of("scalar expr", rule("expr: 1 > bool 0"), "groups[0].rules[0].expr", "gives a number"),
                Arguments.of("bad for", rule("expr: m > 1\nfor: 5 minutes"), "groups[0].rules[0].for", "not a duration"),
                Arguments.of("bad keep_firing_for", rule("expr: m > 1\nkeep_firing_for: x"), "groups[0].rules[0].keep_firing_for", "not a duration"),
                Arguments.of("bad label name", rule("expr: m > 1\nlabels: {'bad-name': x}"), "groups[0].rules[0].labels.bad-name", "not a valid label name"),
                Arguments.of("reserved label", rule("expr: m > 1\nlabels: {__x: y}"), "groups[0].rules[0].labels.__x", "not starting with __"),
                Arguments.of("alertname label", rule("expr: m > 1\nlabels: {alertname: y}"), "groups[0].rules[0].labels.alertname", "cannot be overridden"),
                Arguments.of("label not a string", rule("expr: m > 1\nlabels: {a: [1]}"), "groups[0].rules[0].labels.a", "must be a string"),
                Arguments.of("bad annotation template", rule("expr: m > 1\nannotations: {summary: '{{ $labels.x '}"),
                        "groups[0].rules[0].annotations.summary", "not closed"),
                Arguments.of("unsupported template function", rule("expr: m > 1\nannotations: {summary: '{{ query \"up\" }}'}"),
                        "groups[0].rules[0].annotations.summary", "function \"query\" is not supported"),
                Arguments.of("unknown rule key", rule("expr: m > 1\nseverity: high"), "groups[0].rules[0].severity", "unknown key 'severity'"),
                Arguments.of("bad datapoints", rule("expr: m > 1\nannotations: {quants_infra_datapoints: '6/5'}"),
                        "groups[0].rules[0].annotations.quants_infra_datapoints", "1 ≤ M ≤ N ≤ 60"),
                Arguments.of("bad missing data", rule("expr: m > 1\nannotations: {quants_infra_missing_data: sometimes}"),
                        "groups[0].rules[0].annotations.quants_infra_missing_data", "missing, notBreaching, breaching, ignore"),
                Arguments.of("missing data on an aggregate", rule("expr: sum(m) > 1\nannotations: {quants_infra_missing_data: breaching}"),
                        "groups[0].rules[0].annotations.quants_infra_missing_data", "only to a threshold on one series"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refuses(String name, String yaml, String field, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RuleFiles.parse("f", RepoFiles.yaml(yaml)));
        assertEquals(field, e.field(), e::getMessage);
        assertTrue(e.getMessage().contains(message), e::getMessage);
    }

    @Test
    void everyProblemIsReported_notJustTheFirst() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RuleFiles.parse("f", RepoFiles.yaml(
                rule("expr: aws_foo_bar_average == 0\nfor: soon"))));
        assertTrue(e.getMessage().contains("and 1 more"), e::getMessage);
    }

    @Test
    void seed004AsWritten_loads_withTheTwoRulesCloudWatchCannotAnswerEvaluatedByPrometheus() {
        List<RuleGroup> groups = RuleFiles.parse("zigquant", RepoFiles.resource("seed004/prometheus-rules.yml"));
        List<String> byPrometheus = groups.stream().flatMap(g -> g.rules().stream()).filter(AlertRule::byPrometheus)
                .map(r -> r.alert() + ": " + r.prometheus()).toList();
        assertEquals(List.of("HighApiLatency: histogram_quantile(), it reads zigquant_api_latency_seconds_bucket",
                "ServiceDown: it reads up"), byPrometheus);
    }

    @Test
    void seed004Translated_loads_withMetricNamesMapped() {
        List<RuleGroup> groups = RuleFiles.parse("zigquant", RepoFiles.yaml(RepoFiles.root().resolve("docs/rules/seed-004-zigquant.yml")));
        assertEquals(List.of("trading", "system", "exchange"), groups.stream().map(RuleGroup::name).toList());
        assertEquals(7, groups.stream().mapToInt(g -> g.rules().size()).sum());
        AlertRule latency = groups.get(1).rules().get(0);
        assertEquals("HighApiLatency", latency.alert());
        var target = io.quantsinfra.core.metrics.CloudWatchNames.target(latency.expr().selectors().getFirst().metric());
        assertEquals("AWS/ApplicationELB", target.namespace());
        assertEquals("target_response_time", target.snakeMetric());
        assertEquals("p99", target.stat());
        assertEquals(Duration.ofHours(1), groups.get(0).rules().get(1).forDuration());
    }

    @Test
    void defaultPack_loads_andEveryAlertHasARunbookPage() {
        List<RuleGroup> groups = RuleFiles.parse("default", RepoFiles.yaml(RepoFiles.root().resolve("docs/rules/default-rules.yml")));
        List<String> alerts = groups.stream().flatMap(g -> g.rules().stream()).map(AlertRule::alert).toList();
        assertEquals(List.of("InstanceDown", "InstanceCrashLooping", "MonitorDown", "HighCpu", "HighMemory",
                "FreqtradeLoopStalled", "CollectorNotCollecting"), alerts);
        for (String a : alerts) {
            String page = Runbooks.PAGES.get(a);
            assertTrue(page != null, a + " has no runbook");
            assertTrue(java.nio.file.Files.isRegularFile(RepoFiles.root().resolve("docs/runbooks/" + page + ".md")), page);
        }
        assertTrue(Runbooks.PAGES.keySet().containsAll(alerts));
        for (String page : Runbooks.PAGES.values()) {
            assertTrue(java.nio.file.Files.isRegularFile(RepoFiles.root().resolve("docs/runbooks/" + page + ".md")), page);
        }
        assertEquals("docs/runbooks/instance-down.md", Runbooks.url("InstanceDown", null).orElseThrow());
        assertEquals("https://ops.example/runbooks/instance-down", Runbooks.url("InstanceDown", "https://ops.example/").orElseThrow());
    }
}
