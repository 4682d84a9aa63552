package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile alerting input (regexes RE2 refuses or that would explode, expressions nested past any stack, documents
 * past DynamoDB's item limit, oversized silences), each through the CLI (exit 2, one line naming the limit) and
 * the raw API (400 problem+json naming the limit, never a 500): the emulator's state is unchanged, and a canary
 * hidden in each document appears in no log line, output or response.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertingLimitsTest {
    private static final String CANARY = "CANARY-limits-7d3e";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private LocalModeFixture local;
    private LogCapture logs;

    @BeforeAll
    void start(AwsEmulator aws) {
        local = new LocalModeFixture(aws);
        logs = new LogCapture();
    }

    @AfterAll
    void stop() {
        logs.close();
        local.close();
    }

    /** One hostile case: the CLI arguments and the API call that submit the same thing. */
    record Case(String[] cli, String method, String path, String body) {}

    private static Case rules(String yaml) {
        return new Case(new String[] {"alerts", "rules", "apply", "-f", file(yaml)}, "PUT", "/v1/alerts/rules/limits", json(yaml));
    }

    private static Case config(String yaml) {
        return new Case(new String[] {"alerts", "config", "apply", "-f", file(yaml)}, "PUT", "/v1/alerts/config", json(yaml));
    }

    private static Case silence(List<String> matchers, String comment) {
        List<String> args = new ArrayList<>(List.of("alerts", "silence", "add", "-d", "1h", "-c", comment));
        matchers.forEach(m -> args.addAll(List.of("-m", m)));
        try {
            return new Case(args.toArray(String[]::new), "POST", "/v1/alerts/silences",
                    JSON.writeValueAsString(Map.of("matchers", matchers, "duration", "1h", "comment", comment)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rule(String expr) {
        return "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: '" + expr + "'\n"
                + "        annotations: {summary: " + CANARY + "}\n";
    }

    private static final String RECEIVER = "receivers:\n  - name: r\n    webhook_configs:\n      - url: http://127.0.0.1:9/"
            + CANARY + "\n";

    static Stream<Arguments> cases() {
        StringBuilder deep = new StringBuilder("route:\n  receiver: r\n");
        String indent = "  ";
        for (int i = 1; i <= 11; i++) {
            deep.append(indent).append("routes:\n").append(indent).append("  - matchers: ['l=\"").append(i).append("\"']\n");
            indent += "    ";
        }
        StringBuilder bigRules = new StringBuilder("groups:\n  - name: g\n    rules:\n");
        for (int i = 0; i < 200; i++) {
            bigRules.append("      - alert: A").append(i).append("\n        expr: m > 1\n        annotations: {summary: '")
                    .append(CANARY).append("s".repeat(2_000)).append("'}\n");
        }
        StringBuilder bigConfig = new StringBuilder("route:\n  receiver: r0\nreceivers:\n");
        for (int i = 0; i < 200; i++) {
            bigConfig.append("  - name: r").append(i).append("\n    webhook_configs:\n      - url: http://127.0.0.1:9/")
                    .append(CANARY).append("p".repeat(2_000)).append("\n");
        }
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            many.add("l" + i + "=v");
        }
        return Stream.of(
                Arguments.of("rule regex lookahead", rules(rule("m{service=~\"fr(?=eq)\"} > 1")),
                        "group 'g', rule 'A': expr: label service", "lookahead and lookbehind"),
                Arguments.of("rule regex that would exhaust memory", rules(rule("m{s=~\"((a{999}){999}){999}\"} > 1")),
                        "group 'g', rule 'A'", "the limit is 10000"),
                Arguments.of("5,000 nested parentheses", rules(rule("(".repeat(5_000) + "m" + ")".repeat(5_000) + " > 1")),
                        "group 'g', rule 'A'", "the limit is 128 levels"),
                Arguments.of("5,000 nested negations", rules(rule("-(".repeat(5_000) + "m" + ")".repeat(5_000) + " > 1")),
                        "group 'g', rule 'A'", "the limit is 128 levels"),
                Arguments.of("100,000 nested parentheses", rules(rule("(".repeat(100_000) + "m" + ")".repeat(100_000))),
                        "group 'g', rule 'A'", "the limit is 16384 characters per expression"),
                Arguments.of("rule file over the item limit", rules(bigRules.toString()), "the rule file is",
                        "the limit is 393,216 bytes"),
                Arguments.of("route regex backreference", config("route:\n  receiver: r\n  routes:\n"
                        + "    - matchers: ['service=~\"(a)\\\\1\"']\n" + RECEIVER), "route.routes[0].matchers[0]", "backreferences"),
                Arguments.of("inhibit regex too long", config("route:\n  receiver: r\n" + RECEIVER + "inhibit_rules:\n"
                        + "  - source_match_re: {severity: '" + "c".repeat(1_100) + "'}\n    target_matchers: ['severity=warning']\n"),
                        "inhibit_rules[0].source_match_re.severity", "the limit is 1024 characters per regular expression"),
                Arguments.of("routing tree too deep", config(deep + RECEIVER), "route.routes[0]", "the limit is 10 levels of routes"),
                Arguments.of("routing config over the item limit", config(bigConfig.toString()), "the routing config is",
                        "the limit is 393,216 bytes"),
                Arguments.of("silence regex lookahead", silence(List.of("alertname=~\"(?!Watchdog).*\""), CANARY),
                        "matchers[0]", "lookahead and lookbehind"),
                Arguments.of("silence with too many matchers", silence(many, CANARY), "matchers",
                        "the limit is 32 matchers per silence"),
                Arguments.of("silence comment too long", silence(List.of("alertname=X"), CANARY + "c".repeat(600)), "comment",
                        "the limit is 500 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refused_byCliAndApi_withTheLimitNamed_andNothingChanged(String name, Case c, String where, String limit) throws IOException {
        String before = local.emulatorState();
        int logLines = logs.lines().size();

        var run = local.cli(c.cli());
        HttpResponse<String> api = local.http(c.method(), c.path(), c.body());

        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), () -> "one line on stderr\n" + run);
        assertTrue(run.err().startsWith("error: ") && run.err().contains(where) && run.err().contains(limit), run::toString);
        assertEquals(400, api.statusCode(), api::body);
        assertEquals("application/problem+json", api.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonNode problem = JSON.readTree(api.body());
        assertTrue(problem.path("detail").asText().contains(limit), api::body);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
        List<String> newLogs = logs.lines().subList(logLines, logs.lines().size());
        for (String text : List.of(run.out(), run.err(), api.body(), String.join("\n", newLogs))) {
            assertFalse(text.contains(CANARY), () -> "the canary leaked:\n" + text.substring(0, Math.min(text.length(), 2_000)));
            assertFalse(text.contains("StackOverflowError") || text.contains("OutOfMemoryError"), text::toString);
        }
    }

    private static String file(String content) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("alerting-limits");
            }
            Path p = Files.createTempFile(dir, "case", ".yml");
            Files.writeString(p, content);
            return p.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(String yaml) {
        try {
            return JSON.writeValueAsString(new YAMLMapper().readValue(yaml, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
