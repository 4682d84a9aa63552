package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import io.quantsinfra.testing.receiver.LoopbackReceiver;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * Hostile templates through local mode: those over a compile-time limit are refused with a 400 naming the limit
 * and the place, and nothing is stored; those that only run away while rendering fail for their own field, the
 * cycle completes, every endpoint is still notified (the failed field carries the default and a note), the
 * failure is a notice of the cycle, and the logs carry no secret.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "987654321:AAHostileTemplateTokenDoNotLeak0000";
    private static final String RECURSIVE = "{{ define \"a\" }}{{ template \"a\" . }}{{ end }}{{ template \"a\" . }}";
    private static final String DOUBLING = "{{ $a := \"0123456789abcdef\" }}" + "{{ $a = print $a $a }}".repeat(30) + "{{ $a }}";
    private LocalModeFixture local;
    private CloudWatchClient cw;
    private final LoopbackReceiver hook = new LoopbackReceiver();
    private final LoopbackReceiver telegram = new LoopbackReceiver();
    private final LoopbackReceiver slack = new LoopbackReceiver();

    @BeforeAll
    void start(AwsEmulator aws) {
        local = new LocalModeFixture(aws);
        cw = local.clients.cloudWatch();
        String prefix = local.local.settings().secretPrefix();
        try (var sm = local.clients.secretsManager()) {
            sm.createSecret(r -> r.name(prefix + "alerting/telegram").secretString("{\"bot_token\":\"" + TOKEN + "\",\"chat_id\":\"-100\"}"));
            sm.createSecret(r -> r.name(prefix + "alerting/slack").secretString("{\"url\":\"" + slack.url("/services/T/B/X") + "\"}"));
        }
    }

    @AfterAll
    void stop() {
        cw.close();
        local.close();
        List.of(hook, telegram, slack).forEach(LoopbackReceiver::close);
    }

    private static Map<String, Object> config(Map<String, Object> slackConfig) {
        return Map.of("route", Map.of("receiver", "everyone", "group_by", List.of("alertname"), "group_wait", "0s",
                        "group_interval", "1s", "repeat_interval", "1h"),
                "receivers", List.of(Map.of("name", "everyone",
                        "webhook_configs", List.of(Map.of("url", "http://127.0.0.1:9/unused")),
                        "slack_configs", List.of(slackConfig))));
    }

    private static Map<String, Object> slack(String text) {
        return Map.of("api_url", Map.of("secretRef", "alerting/slack", "jsonKey", "url"), "text", text);
    }

    private static Map<String, Object> rules(String summary) {
        return Map.of("groups", List.of(Map.of("name", "g", "rules", List.of(Map.of("alert", "HighCpu",
                "expr", "aws_ecs_cpuutilization_average{service_name=\"freqtrade-1\"} > 80",
                "annotations", Map.of("summary", summary))))));
    }

    static Stream<Arguments> refusedAtApply() {
        return Stream.of(
                Arguments.of("printf width in a slack text", "/v1/alerts/config", config(slack("{{ printf \"%999999999s\" \"x\" }}")),
                        "receivers[0].slack_configs[0].text", "MAX_PRINTF_WIDTH"),
                Arguments.of("40 nested ifs in a slack text", "/v1/alerts/config", config(slack("{{ if 1 }}".repeat(40))),
                        "receivers[0].slack_configs[0].text", "MAX_NESTING"),
                Arguments.of("enormous slack text", "/v1/alerts/config", config(slack("x".repeat(70_000))),
                        "receivers[0].slack_configs[0].text", "MAX_SOURCE_CHARS"),
                Arguments.of("printf width in a rule annotation", "/v1/alerts/rules/hostile",
                        rules("{{ printf \"%.99999999f\" $value }}"), "groups[0].rules[0].annotations.summary", "MAX_PRINTF_WIDTH"),
                Arguments.of("10,000 nested withs in a rule annotation", "/v1/alerts/rules/hostile",
                        rules("{{with .}}".repeat(6_000)), "groups[0].rules[0].annotations.summary", "MAX_NESTING"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    @Order(1)
    void refusedAtApply(String name, String path, Map<String, Object> document, String field, String limit) throws Exception {
        String before = local.emulatorState();

        var response = local.http("PUT", path, JSON.writeValueAsString(document));

        assertEquals(400, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers()::toString);
        assertTrue(response.body().contains(field), response::body);
        assertTrue(response.body().contains(limit), response::body);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    @Test
    @Order(2)
    void renderTimeHostileTemplates_failForTheirField_andEveryEndpointIsStillNotified() throws Exception {
        var telegramConfig = Map.of("api_url", telegram.url(""), "bot_token", Map.of("secretRef", "alerting/telegram", "jsonKey", "bot_token"),
                "chat_id", Map.of("secretRef", "alerting/telegram", "jsonKey", "chat_id"), "message", RECURSIVE);
        var doc = Map.of("route", Map.of("receiver", "everyone", "group_by", List.of("alertname"), "group_wait", "0s",
                        "group_interval", "1s", "repeat_interval", "1h"),
                "receivers", List.of(Map.of("name", "everyone", "webhook_configs", List.of(Map.of("url", hook.url("/alerts"))),
                        "telegram_configs", List.of(telegramConfig),
                        "slack_configs", List.of(Map.of("api_url", Map.of("secretRef", "alerting/slack", "jsonKey", "url"),
                                "title", "{{ printf (printf \"%%%ds\" 999999999) \"x\" }}", "text", DOUBLING)))));
        assertEquals(200, local.http("PUT", "/v1/alerts/config", JSON.writeValueAsString(doc)).statusCode());
        assertEquals(200, local.http("PUT", "/v1/alerts/rules/hostile", JSON.writeValueAsString(rules(RECURSIVE))).statusCode());
        cpu(95);

        LocalModeFixture.Run run;
        List<String> logs;
        try (LogCapture capture = new LogCapture()) {
            run = local.cli("alerts", "evaluate");
            logs = capture.lines();
        }

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("1 firing") && run.out().contains("notifications: 1 sent"), run::toString);
        assertTrue(run.out().contains("notice: receiver everyone: the custom message template failed, the default was used: "
                + "{{template \"a\"}} calls are nested more than 16 deep (limit MAX_CALL_DEPTH = 16)"), run::toString);
        assertTrue(run.out().contains("MAX_VALUE_CHARS") && run.out().contains("MAX_PRINTF_WIDTH"), run::toString);
        assertEquals(1, hook.requests().size(), hook.requests()::toString);
        assertTrue(hook.requests().getFirst().body().contains("<error expanding template: "), hook.requests().getFirst()::body);
        assertTrue(hook.requests().getFirst().body().contains("MAX_CALL_DEPTH"), hook.requests().getFirst()::body);
        String message = telegram.requests().getFirst().body();
        assertTrue(message.contains("the custom message template failed") && message.contains("[FIRING:1] HighCpu"), message);
        String slackBody = slack.requests().getFirst().body();
        assertTrue(slackBody.contains("the custom message template failed") && slackBody.contains("[FIRING:1] HighCpu"), slackBody);
        assertTrue(logs.stream().anyMatch(l -> l.contains("the custom message template failed")), logs::toString);
        logs.forEach(l -> assertFalse(l.contains(TOKEN) || l.contains("AAHostileTemplateToken"), l));
        assertFalse(run.out().contains(TOKEN) || run.err().contains(TOKEN), run::toString);
    }

    private void cpu(double value) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int m = 0; m <= 3; m++) {
            Instant at = now.minusSeconds(60L * m);
            cw.putMetricData(r -> r.namespace("AWS/ECS").metricData(MetricDatum.builder().metricName("CPUUtilization")
                    .timestamp(at).value(value).dimensions(Dimension.builder().name("ClusterName").value("quants-infra").build(),
                            Dimension.builder().name("ServiceName").value("freqtrade-1").build()).build()));
        }
    }
}
