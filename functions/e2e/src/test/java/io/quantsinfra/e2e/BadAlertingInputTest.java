package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed rule files and routing configs through the CLI: each refused with exit 2 and one line naming the
 * place and the problem, and nothing stored (the emulator's state is exactly as before).
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadAlertingInputTest {
    private static Path dir;
    private LocalModeFixture local;

    @BeforeAll
    void start(AwsEmulator aws) {
        local = new LocalModeFixture(aws);
    }

    @AfterAll
    void stop() {
        local.close();
    }

    private static String f(String name, String content) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("bad-alerting");
            }
            Path p = dir.resolve(name);
            Files.writeString(p, content);
            return p.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rule(String body) {
        return "groups:\n  - name: g\n    rules:\n      - alert: A\n" + body.indent(8);
    }

    private static Arguments rules(String name, String message, String content) {
        return Arguments.of(name, message, new String[] {"alerts", "rules", "apply", "-f", f(name.replace(' ', '-') + ".yml", content)});
    }

    private static Arguments config(String name, String message, String content) {
        return Arguments.of(name, message, new String[] {"alerts", "config", "apply", "-f", f("am-" + name.replace(' ', '-') + ".yml", content)});
    }

    static final String RECEIVER = "receivers:\n  - name: r\n    webhook_configs:\n      - url: http://127.0.0.1:9/x\n";
    static final String ROUTE = "route:\n  receiver: r\n";

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        c.add(rules("rule file not YAML", "not valid YAML", "groups: [\n  - name: : x\n"));
        c.add(rules("empty rule file", "is empty", ""));
        c.add(rules("groups not a list", "'groups' must be a list", "groups: {name: g}"));
        c.add(rules("duplicate groups", "appears twice", "groups:\n  - name: g\n  - name: g\n"));
        c.add(rules("recording rule", "recording rules ('record') are not supported", "groups:\n  - name: g\n    rules:\n      - record: r\n        expr: m\n"));
        c.add(rules("histogram quantile over CloudWatch", "histogram_quantile() is not supported",
                rule("expr: histogram_quantile(0.99, rate(x_bucket[5m])) > 0.5\nannotations: {quants_infra_source: cloudwatch}")));
        c.add(rules("prometheus up over CloudWatch", "use quants_infra_instance_up",
                rule("expr: up{job=\"x\"} == 0\nannotations: {quants_infra_source: cloudwatch}")));
        c.add(rules("CloudWatch name beside a Prometheus-only construct", "which only CloudWatch holds",
                rule("expr: histogram_quantile(0.99, rate(x_bucket[5m])) > aws_ecs_cpuutilization_average")));
        c.add(rules("unmapped aws namespace", "names no namespace quants-infra maps", rule("expr: aws_kafka_lag_average > 5")));
        c.add(rules("aws without statistic", "no statistic", rule("expr: aws_ecs_cpuutilization > 80")));
        c.add(rules("subquery over CloudWatch", "subqueries are not supported",
                rule("expr: max_over_time(rate(m[5m])[30m:1m]) > 1\nannotations: {quants_infra_source: cloudwatch}")));
        c.add(rules("unclosed selector", "expected in the selector", rule("expr: 'm{a=\"b\" > 1'")));
        c.add(rules("sub-minute range over CloudWatch", "shorter than CloudWatch's 1-minute period",
                rule("expr: rate(m[30s]) > 1\nannotations: {quants_infra_source: cloudwatch}")));
        c.add(rules("bad for", "not a duration", rule("expr: m > 1\nfor: five minutes")));
        c.add(rules("bad label name", "not a valid label name", rule("expr: m > 1\nlabels: {'team-name': x}")));
        c.add(rules("bad template", "function \"query\" is not supported", rule("expr: m > 1\nannotations: {summary: '{{ query \"up\" }}'}")));
        c.add(rules("bad datapoints", "1 ≤ M ≤ N ≤ 60", rule("expr: m > 1\nannotations: {quants_infra_datapoints: '0/5'}")));
        c.add(rules("unknown rule key", "unknown key 'severity'", rule("expr: m > 1\nseverity: page")));
        c.add(rules("sub-minute interval", "whole minutes", "groups:\n  - name: g\n    interval: 15s\n    rules: []\n"));
        c.add(config("routing not YAML", "not valid YAML", "route: [\n"));
        c.add(config("no route", "route is required", RECEIVER));
        c.add(config("undefined receiver", "'nobody' is not defined", "route:\n  receiver: nobody\n" + RECEIVER));
        c.add(config("environment placeholder", "is an environment placeholder", ROUTE
                + "receivers:\n  - name: r\n    telegram_configs:\n      - bot_token: '${TELEGRAM_BOT_TOKEN}'\n        chat_id: 1\n"));
        c.add(config("literal credential", "give it as a secret reference", ROUTE
                + "receivers:\n  - name: r\n    pagerduty_configs:\n      - routing_key: abc123\n"));
        c.add(config("missing secret", "which does not exist", ROUTE
                + "receivers:\n  - name: r\n    pagerduty_configs:\n      - routing_key: {secretRef: alerting/nosuch, jsonKey: key}\n"));
        c.add(config("unsupported integration", "opsgenie_configs is not supported", ROUTE + "receivers:\n  - name: r\n    opsgenie_configs: [{}]\n"));
        c.add(config("bad matcher", "is not a matcher", "route:\n  receiver: r\n  routes:\n    - matchers: ['severity>>critical']\n" + RECEIVER));
        c.add(config("zero repeat interval", "greater than zero", "route:\n  receiver: r\n  repeat_interval: 0s\n" + RECEIVER));
        c.add(config("bad strategy", "priority, least_latency, round_robin, random", ROUTE
                + "receivers:\n  - name: r\n    delivery: {strategy: fastest}\n    webhook_configs: [{url: 'http://127.0.0.1:9/x'}]\n"));
        c.add(config("inhibit without target", "needs source_matchers and target_matchers", ROUTE + RECEIVER
                + "inhibit_rules:\n  - source_matchers: ['severity=critical']\n"));
        c.add(config("bad email address", "not an email address", ROUTE
                + "receivers:\n  - name: r\n    email_configs: [{to: someone, from: alerts@example.com}]\n"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refused_withOneLine_andNothingStored(String name, String message, String[] args) {
        String before = local.emulatorState();

        var run = local.cli(args);

        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains(message), () -> "expected '" + message + "' in\n" + run);
        assertEquals(1, run.err().lines().count(), () -> "one line on stderr\n" + run);
        assertTrue(run.err().startsWith("error: "), run::toString);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    @Test
    void nothingWasStored() {
        var rules = local.cli("alerts", "rules", "list");
        assertTrue(rules.out().contains("No rule files"), rules::toString);
        var config = local.cli("alerts", "config", "get");
        assertEquals(3, config.exit(), config::toString);
        assertTrue(config.err().contains("no routing config has been applied"), config::toString);
    }

    @Test
    void badSilences_andUnknownNames_areRefused() {
        var noMatcher = local.cli("alerts", "silence", "add", "-m", "x=~\".*\"", "-d", "1h", "-c", "test");
        assertEquals(2, noMatcher.exit(), noMatcher::toString);
        assertTrue(noMatcher.err().contains("would mute every alert"), noMatcher::toString);
        var badDuration = local.cli("alerts", "silence", "add", "-m", "alertname=X", "-d", "forever", "-c", "test");
        assertEquals(2, badDuration.exit(), badDuration::toString);
        var expire = local.cli("alerts", "silence", "expire", "no-such-id");
        assertEquals(3, expire.exit(), expire::toString);
        var get = local.cli("alerts", "rules", "get", "nosuch");
        assertEquals(3, get.exit(), get::toString);
        var badName = local.cli("alerts", "rules", "delete", "Bad Name");
        assertEquals(2, badName.exit(), badName::toString);
    }
}
