package io.quantsinfra.e2e;

import io.quantsinfra.testing.receiver.LoopbackReceiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * The alerting scenario against local mode, through the CLI: a CPU rule fires once metrics are in the
 * emulator; a webhook on loopback gets one Alertmanager-v4 firing payload, and Telegram-, Slack- and
 * PagerDuty-shaped receivers on loopback and SES (seen in the emulator) get theirs; a second evaluation sends
 * nothing; recovery sends resolved payloads; {@code alerts list} shows the alert while it fires.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertingEndToEndTest {
    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private LocalModeFixture local;
    private CloudWatchClient cw;
    private final LoopbackReceiver hook = new LoopbackReceiver();
    private final LoopbackReceiver telegram = new LoopbackReceiver();
    private final LoopbackReceiver slack = new LoopbackReceiver();
    private final LoopbackReceiver pagerduty = new LoopbackReceiver();
    @TempDir
    Path dir;

    @BeforeAll
    void start(AwsEmulator aws) {
        local = new LocalModeFixture(aws);
        cw = local.clients.cloudWatch();
        String prefix = local.local.settings().secretPrefix();
        try (var sm = local.clients.secretsManager(); var ses = local.clients.ses()) {
            sm.createSecret(r -> r.name(prefix + "alerting/telegram").secretString("{\"bot_token\":\"" + TOKEN + "\",\"chat_id\":\"-1001234567890\"}"));
            sm.createSecret(r -> r.name(prefix + "alerting/slack").secretString("{\"url\":\"" + slack.url("/services/T000/B000/XXXX") + "\"}"));
            sm.createSecret(r -> r.name(prefix + "alerting/pagerduty").secretString("{\"routing_key\":\"R0123456789abcdef0123456789abcdef\"}"));
            ses.verifyEmailIdentity(r -> r.emailAddress("alerts@quants-infra.example"));
        }
    }

    @AfterAll
    void stop() {
        cw.close();
        local.close();
        List.of(hook, telegram, slack, pagerduty).forEach(LoopbackReceiver::close);
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    /** CPU datapoints for the three minutes before now and this minute (which may become the last one). */
    private void cpu(double value) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int m = 0; m <= 3; m++) {
            Instant at = now.minusSeconds(60L * m);
            cw.putMetricData(r -> r.namespace("AWS/ECS").metricData(MetricDatum.builder().metricName("CPUUtilization")
                    .timestamp(at).value(value).dimensions(Dimension.builder().name("ClusterName").value("quants-infra").build(),
                            Dimension.builder().name("ServiceName").value("freqtrade-1").build()).build()));
        }
    }

    @Test
    @Order(1)
    void rulesAndConfig_apply_throughTheCli() throws IOException {
        var rules = local.cli("alerts", "rules", "apply", "-f", file("ecs.yml", """
                groups:
                  - name: ecs
                    rules:
                      - alert: HighCpu
                        expr: aws_ecs_cpuutilization_average{service_name="freqtrade-1"} > 80
                        labels: {severity: warning}
                        annotations:
                          summary: "{{ $labels.service_name }} CPU at {{ $value | humanize }}%"
                """).toString());
        assertEquals(0, rules.exit(), rules::toString);
        assertTrue(rules.out().contains("rule file ecs stored as version 1: 1 group(s), 1 rule(s)"), rules::toString);

        var config = local.cli("alerts", "config", "apply", "-f", file("alertmanager.yml", """
                route:
                  receiver: everyone
                  group_by: [alertname, service_name]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: everyone
                    webhook_configs:
                      - url: %s
                    telegram_configs:
                      - api_url: %s
                        bot_token: {secretRef: alerting/telegram, jsonKey: bot_token}
                        chat_id: {secretRef: alerting/telegram, jsonKey: chat_id}
                    slack_configs:
                      - api_url: {secretRef: alerting/slack, jsonKey: url}
                        channel: '#alerts'
                    pagerduty_configs:
                      - routing_key: {secretRef: alerting/pagerduty, jsonKey: routing_key}
                        url: %s
                    email_configs:
                      - to: ops@quants-infra.example
                        from: alerts@quants-infra.example
                """.formatted(hook.url("/alerts"), telegram.url(""), pagerduty.url("/v2/enqueue"))).toString());
        assertEquals(0, config.exit(), config::toString);
        assertTrue(config.out().contains("routing config stored as version 1: receivers everyone"), config::toString);
        assertTrue(local.cli("alerts", "rules", "list").out().contains("HighCpu"));
        var get = local.cli("alerts", "config", "get");
        assertTrue(get.out().contains("secretRef: alerting/telegram") && !get.out().contains(TOKEN), get::toString);
    }

    @Test
    @Order(2)
    void highCpu_fires_andEveryReceiverGetsOneFiringNotification() {
        cpu(95);

        var run = local.cli("alerts", "evaluate");

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("1 firing"), run::toString);
        assertTrue(run.out().contains("notifications: 1 sent"), run::toString);
        assertEquals(1, hook.requests().size(), hook.requests()::toString);
        String body = hook.requests().getFirst().body();
        assertTrue(body.contains("\"version\":\"4\"") && body.contains("\"status\":\"firing\""), body);
        assertTrue(body.contains("\"summary\":\"freqtrade-1 CPU at 95%\""), body);
        assertEquals(1, telegram.requests().size());
        assertEquals("/bot" + TOKEN + "/sendMessage", telegram.requests().getFirst().path());
        assertTrue(telegram.requests().getFirst().body().contains("\"chat_id\":-1001234567890"), telegram.requests().getFirst().body());
        assertEquals("/services/T000/B000/XXXX", slack.requests().getFirst().path());
        assertTrue(slack.requests().getFirst().body().contains("\"channel\":\"#alerts\""));
        assertTrue(slack.requests().getFirst().body().contains("[FIRING:1] HighCpu"));
        assertEquals("/v2/enqueue", pagerduty.requests().getFirst().path());
        assertTrue(pagerduty.requests().getFirst().body().contains("\"event_action\":\"trigger\""));
        assertTrue(pagerduty.requests().getFirst().body().contains("\"routing_key\":\"R0123456789abcdef0123456789abcdef\""));
        String state = local.emulatorState();
        assertTrue(state.contains("[FIRING:1] HighCpu") && state.contains("ops@quants-infra.example"), "SES message in the emulator");
    }

    @Test
    @Order(3)
    void alertsList_showsItWhileFiring() {
        var table = local.cli("alerts", "list");
        assertEquals(0, table.exit(), table::toString);
        assertTrue(table.out().contains("HighCpu") && table.out().contains("firing") && table.out().contains("freqtrade-1 CPU at 95%"),
                table::toString);
        var json = local.cli("alerts", "list", "--format", "json");
        assertTrue(json.out().contains("\"state\" : \"firing\"") && json.out().contains("\"service_name\" : \"freqtrade-1\""), json::toString);
    }

    @Test
    @Order(4)
    void secondEvaluation_withinRepeatInterval_sendsNothing() {
        var run = local.cli("alerts", "evaluate");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("notifications: 0 sent"), run::toString);
        assertEquals(1, hook.requests().size());
        assertEquals(1, telegram.requests().size());
        assertEquals(1, pagerduty.requests().size());
    }

    @Test
    @Order(5)
    void recovery_sendsResolved_toThoseThatWantIt() throws InterruptedException {
        cpu(-1000);
        Thread.sleep(1100); // the group's group_interval (1s) since the firing notification

        var run = local.cli("alerts", "evaluate");

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("firing → resolved"), run::toString);
        assertEquals(2, hook.requests().size(), run::toString);
        assertTrue(hook.requests().get(1).body().contains("\"status\":\"resolved\""));
        assertEquals(2, telegram.requests().size());
        assertTrue(telegram.requests().get(1).body().contains("RESOLVED"), telegram.requests().get(1).body());
        assertEquals(2, pagerduty.requests().size());
        assertTrue(pagerduty.requests().get(1).body().contains("\"event_action\":\"resolve\""));
        assertEquals(1, slack.requests().size(), "slack's send_resolved defaults to false");
        var list = local.cli("alerts", "list");
        assertTrue(list.out().contains("resolved"), list::toString);
    }

    @Test
    @Order(6)
    void receivers_showWhatHappened() {
        var run = local.cli("alerts", "receivers");
        assertEquals(0, run.exit(), run::toString);
        for (String type : List.of("webhook", "telegram", "slack", "pagerduty", "email")) {
            assertTrue(run.out().contains(type), run::toString);
        }
        assertTrue(run.out().contains("100%"), run::toString);
        var json = local.cli("alerts", "receivers", "--format", "json");
        assertTrue(json.out().contains("\"attempts\" : 2") && json.out().contains("\"attempts\" : 1"), json::toString);
    }
}
