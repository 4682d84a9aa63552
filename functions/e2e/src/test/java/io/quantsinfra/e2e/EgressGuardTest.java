package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import io.quantsinfra.testing.receiver.LoopbackReceiver;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
 * Issue 8 items 4 and 5 through local mode: routing configs that would send a non-alerting secret, carry a token in
 * plain text, or target the metadata service or a private address are refused by the CLI (exit 2, one line) and the
 * API (400 problem+json) with the emulator untouched and no canary in the logs; loopback works in local mode; and
 * a receiver's answer body is never repeated in {@code alerts receivers} or the logs.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EgressGuardTest {
    static final String EXCHANGE_CANARY = "CANARY-exchange-4d1f";
    static final String HOOK_CANARY = "CANARYslackhook0123456789abcdef";
    static final String SECRET_URL_CANARY = "CANARY-secret-url-77e0";
    static final String BODY_CANARY = "CANARY-answer-body-5b9c";
    static final List<String> CANARIES = List.of(EXCHANGE_CANARY, HOOK_CANARY, SECRET_URL_CANARY, BODY_CANARY);
    static final String ROUTE = "{\"route\": {\"receiver\": \"r\", \"group_wait\": \"0s\"}, \"receivers\": [{\"name\": \"r\", ";

    private LocalModeFixture local;
    private LogCapture logs;
    private Path dir;

    @BeforeAll
    void start(AwsEmulator aws) throws IOException {
        local = new LocalModeFixture(aws);
        logs = new LogCapture();
        dir = Files.createTempDirectory("egress");
        String prefix = local.local.settings().secretPrefix();
        try (var sm = local.clients.secretsManager()) {
            sm.createSecret(r -> r.name(prefix + "binance").secretString("{\"apiKey\":\"" + EXCHANGE_CANARY + "\"}"));
            sm.createSecret(r -> r.name(prefix + "alerting/metadata").secretString(
                    "{\"url\":\"http://169.254.169.254/latest/" + SECRET_URL_CANARY + "\"}"));
        }
    }

    @AfterAll
    void stop() {
        logs.close();
        local.close();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("pagerduty key from an exchange secret",
                        "\"pagerduty_configs\": [{\"routing_key\": {\"secretRef\": \"binance\", \"jsonKey\": \"apiKey\"}}]}]}",
                        "secret 'binance' is not meant for alerting", "'quants-infra secrets put alerting/binance --value-file FILE'"),
                Arguments.of("literal Slack hook",
                        "\"webhook_configs\": [{\"url\": \"https://hooks.slack.com/services/T0/B0/" + HOOK_CANARY + "\"}]}]}",
                        "Slack incoming-webhook URL", "'quants-infra secrets put alerting/webhook --value-file FILE'"),
                Arguments.of("webhook to the metadata service",
                        "\"webhook_configs\": [{\"url\": \"http://169.254.169.254/latest/meta-data/\"}]}]}",
                        "its host is a link-local address", "QUANTS_INFRA_EGRESS_ALLOW"),
                Arguments.of("webhook to a private IP (the monitor's lifecycle API)",
                        "\"webhook_configs\": [{\"url\": \"http://10.0.1.23:9090/-/quit\"}]}]}",
                        "its host is a private address", "QUANTS_INFRA_EGRESS_ALLOW"),
                Arguments.of("secret URL to the metadata service",
                        "\"webhook_configs\": [{\"url\": {\"secretRef\": \"alerting/metadata\", \"jsonKey\": \"url\"}}]}]}",
                        "the URL in secret alerting/metadata key url: its host is a link-local address", "QUANTS_INFRA_EGRESS_ALLOW"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    @Order(1)
    void config_isRefused_byTheCliAndTheApi_withNothingChanged(String name, String receiver, String message, String how)
            throws IOException {
        String config = ROUTE + receiver;
        Path file = dir.resolve(name.replaceAll("[^a-z]+", "-") + ".yml");
        Files.writeString(file, config);
        String before = local.emulatorState();

        var run = local.cli("alerts", "config", "apply", "-f", file.toString());
        HttpResponse<String> api = local.http("PUT", "/v1/alerts/config", config);

        assertEquals(2, run.exit(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().startsWith("error: ") && run.err().contains(message) && run.err().contains(how), run::toString);
        assertEquals(400, api.statusCode(), api::body);
        assertEquals("application/problem+json", api.headers().firstValue("Content-Type").orElse("").split(";")[0], api::body);
        assertTrue(api.body().contains(message), api::body);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
        for (String canary : CANARIES) {
            assertFalse(run.toString().contains(canary) || api.body().contains(canary), canary + " leaked\n" + run + api.body());
        }
        assertNoCanaryInLogs();
    }

    @Test
    @Order(2)
    void loopbackReceiver_works_andItsAnswerBody_isNeverRepeated() throws IOException {
        try (LoopbackReceiver receiver = new LoopbackReceiver(); CloudWatchClient cw = local.clients.cloudWatch()) {
            receiver.answer(500, "<html>" + BODY_CANARY + "</html>").answer(500, "{\"description\":\"" + BODY_CANARY + "\"}");
            assertEquals(0, local.cli("alerts", "rules", "apply", "-f", write("cpu.yml", """
                    groups:
                      - name: cpu
                        rules:
                          - alert: HighCpu
                            expr: aws_ecs_cpuutilization_average > 80
                    """)).exit());
            var config = local.cli("alerts", "config", "apply", "-f", write("am.yml",
                    ROUTE + "\"webhook_configs\": [{\"name\": \"hook\", \"url\": \"" + receiver.url("/hook") + "\"}]}]}"));
            assertEquals(0, config.exit(), config::toString);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            for (int m = 0; m <= 3; m++) {
                Instant at = now.minusSeconds(60L * m);
                cw.putMetricData(r -> r.namespace("AWS/ECS").metricData(MetricDatum.builder().metricName("CPUUtilization")
                        .timestamp(at).value(95.0).dimensions(Dimension.builder().name("ClusterName").value("quants-infra").build(),
                                Dimension.builder().name("ServiceName").value("freqtrade-1").build()).build()));
            }

            var evaluate = local.cli("alerts", "evaluate");
            var table = local.cli("alerts", "receivers");
            var json = local.cli("alerts", "receivers", "--format", "json");

            assertEquals(0, evaluate.exit(), evaluate::toString);
            assertFalse(receiver.requests().isEmpty(), evaluate::toString);
            assertTrue(table.out().contains("HTTP 500"), table::toString);
            assertTrue(json.out().contains("HTTP 500 (server error)"), json::toString);
            for (var run : List.of(evaluate, table, json)) {
                assertFalse(run.toString().contains(BODY_CANARY), run::toString);
            }
            assertNoCanaryInLogs();
        }
    }

    private String write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f.toString();
    }

    private void assertNoCanaryInLogs() {
        for (String line : logs.lines()) {
            for (String canary : CANARIES) {
                assertFalse(line.contains(canary), "log line leaks " + canary + ": " + line);
            }
        }
    }
}
