package io.quantsinfra.e2e;

import io.quantsinfra.testing.receiver.LoopbackReceiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.scheduled.HealthProbeHandler;
import io.quantsinfra.scheduled.ScheduledWiring;
import io.quantsinfra.aws.FunctionCallLog;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
 * Operating alerts through the CLI against local mode: inhibition and a silence mute, failover from an endpoint
 * answering 500 to the next, stats in {@code alerts receivers}, a silence's expiry noticed while its alert still
 * fires, the seed-004 config loading, the health probe publishing, and {@code GET /health}.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertingOperationsTest {
    private LocalModeFixture local;
    private CloudWatchClient cw;
    private final LoopbackReceiver primary = new LoopbackReceiver();
    private final LoopbackReceiver secondary = new LoopbackReceiver();
    private String silenceId;
    @TempDir
    Path dir;

    @BeforeAll
    void start(AwsEmulator aws) {
        local = new LocalModeFixture(aws);
        cw = local.clients.cloudWatch();
    }

    @AfterAll
    void stop() {
        cw.close();
        local.close();
        primary.close();
        secondary.close();
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private void put(String metric, String service, double value) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int m = 0; m <= 3; m++) {
            Instant at = now.minusSeconds(60L * m);
            cw.putMetricData(r -> r.namespace("AWS/ECS").metricData(MetricDatum.builder().metricName(metric).timestamp(at).value(value)
                    .dimensions(Dimension.builder().name("ClusterName").value("quants-infra").build(),
                            Dimension.builder().name("ServiceName").value(service).build()).build()));
        }
    }

    @Test
    @Order(1)
    void inhibitionAndSilence_mute_andFailoverDelivers() throws IOException {
        assertEquals(0, local.cli("alerts", "rules", "apply", "-f", file("ops.yml", """
                groups:
                  - name: ops
                    rules:
                      - alert: HighCpu
                        expr: aws_ecs_cpuutilization_average > 80
                        labels: {severity: warning}
                      - alert: NoTask
                        expr: aws_ecs_running_task_count_average == 0
                        labels: {severity: critical}
                """).toString()).exit());
        var config = local.cli("alerts", "config", "apply", "-f", file("am.yml", """
                route:
                  receiver: ops
                  group_by: [alertname, service_name]
                  group_wait: 0s
                  group_interval: 1s
                inhibit_rules:
                  - source_matchers: ['severity="critical"']
                    target_matchers: ['severity="warning"']
                    equal: [service_name]
                receivers:
                  - name: ops
                    delivery: {strategy: priority, backoff: 50ms}
                    webhook_configs:
                      - {name: primary, url: '%s', priority: 1, rate_limit_per_minute: 30}
                      - {name: secondary, url: '%s', priority: 2}
                """.formatted(primary.url("/p"), secondary.url("/s"))).toString());
        assertEquals(0, config.exit(), config::toString);
        put("CPUUtilization", "freqtrade-1", 95);
        put("RunningTaskCount", "freqtrade-1", 0);
        put("CPUUtilization", "freqtrade-2", 95);
        var silence = local.cli("alerts", "silence", "add", "-m", "alertname=HighCpu", "-m", "service_name=\"freqtrade-2\"",
                "-d", "2h", "-c", "load test on freqtrade-2");
        assertEquals(0, silence.exit(), silence::toString);
        silenceId = silence.out().split(" ")[1];
        primary.answer(500);

        var run = local.cli("alerts", "evaluate");

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("3 firing"), run::toString);
        assertTrue(run.out().contains("notifications: 1 sent, 0 failed, 2 alert(s) muted"), run::toString);
        assertEquals(1, primary.requests().size());
        assertEquals(1, secondary.requests().size());
        assertTrue(secondary.requests().getFirst().body().contains("\"alertname\":\"NoTask\""));
        var list = local.cli("alerts", "list");
        assertTrue(list.out().contains("inhibited") && list.out().contains("silenced"), list::toString);
        var silences = local.cli("alerts", "silence", "list");
        assertTrue(silences.out().contains("load test on freqtrade-2") && silences.out().contains("active"), silences::toString);
    }

    @Test
    @Order(2)
    void receivers_showTheFailover() {
        var r = local.cli("alerts", "receivers");
        assertEquals(0, r.exit(), r::toString);
        String primaryLine = r.out().lines().filter(l -> l.contains("primary")).findFirst().orElseThrow();
        String secondaryLine = r.out().lines().filter(l -> l.contains("secondary")).findFirst().orElseThrow();
        assertTrue(primaryLine.contains("failing") && primaryLine.contains("0%") && primaryLine.contains("HTTP 500")
                && primaryLine.contains("1/30 per min"), primaryLine);
        assertTrue(secondaryLine.contains("active") && secondaryLine.contains("100%"), secondaryLine);
    }

    @Test
    @Order(3)
    void expiringTheSilence_whileItsAlertFires_givesANotice_andTheAlertGoesOut() {
        var expire = local.cli("alerts", "silence", "expire", silenceId);
        assertEquals(0, expire.exit(), expire::toString);

        var run = local.cli("alerts", "evaluate");

        assertTrue(run.out().contains("notice: silence " + silenceId) && run.out().contains("still fire"), run::toString);
        assertEquals(2, primary.requests().size(), run::toString);
        assertTrue(primary.requests().get(1).body().contains("freqtrade-2"));
        assertTrue(local.cli("alerts", "silence", "list", "--all").out().contains("expired"));
    }

    @Test
    @Order(4)
    void seed004_rulesAndConfig_load_asDocumented() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("docs/rules"))) {
            root = root.getParent();
        }
        String prefix = local.local.settings().secretPrefix();
        try (var sm = local.clients.secretsManager()) {
            sm.createSecret(r -> r.name(prefix + "alerting/telegram").secretString("{\"bot_token\":\"1:abcdefghijklmn\",\"chat_id\":\"-100\"}"));
            sm.createSecret(r -> r.name(prefix + "alerting/smtp").secretString("{\"password\":\"x\"}"));
        }
        var config = local.cli("alerts", "config", "apply", "-f", root.resolve("docs/rules/seed-004-alertmanager.yml").toString());
        assertEquals(0, config.exit(), config::toString);
        assertTrue(config.out().contains("receivers default, critical, warning"), config::toString);
        assertTrue(config.out().contains("warning: receivers[2].email_configs[0].smarthost is accepted and not used"), config::toString);
        var rules = local.cli("alerts", "rules", "apply", "-f", root.resolve("docs/rules/seed-004-zigquant.yml").toString());
        assertEquals(0, rules.exit(), rules::toString);
        assertTrue(rules.out().contains("3 group(s), 7 rule(s)"), rules::toString);
        var original = local.cli("alerts", "rules", "apply", "--name", "zigquant-original", "-f",
                root.resolve("functions/core/src/test/resources/seed004/prometheus-rules.yml").toString());
        assertEquals(0, original.exit(), original::toString);
        assertTrue(original.out().contains("warning: group 'system', rule 'HighApiLatency': evaluated by the monitor's Prometheus "
                + "(histogram_quantile(), it reads zigquant_api_latency_seconds_bucket)")
                && original.out().contains("warning: group 'system', rule 'ServiceDown': evaluated by the monitor's Prometheus "
                + "(it reads up)"), original::toString);
        var pack = local.cli("alerts", "rules", "apply", "-f", root.resolve("docs/rules/default-rules.yml").toString());
        assertEquals(0, pack.exit(), pack::toString);
        assertTrue(pack.out().contains("rule file default-rules stored as version 1: 3 group(s), 7 rule(s)"), pack::toString);
    }

    @Test
    @Order(5)
    void healthProbe_publishesInstanceSeries_andUnknownPublishesNoUp() throws IOException {
        Path collector = file("collector.json", "{\"pairs\": [\"BTC-USDT\"]}");
        assertEquals(0, local.cli("deploy", "--service", "data-collector", "--host", "us-east-1a", "--config", collector.toString()).exit());

        Map<String, Object> report;
        // The probe Lambda's calls, attributed to it for infra-cdk's IAM check (FunctionCallLog).
        FunctionCallLog probeCalls = FunctionCallLog.scoped("health-probe");
        try (ScheduledWiring wiring = new ScheduledWiring(local.local.settings(), Clock.systemUTC(), List.of(probeCalls))) {
            report = probeCalls.during(() -> new HealthProbeHandler(wiring).handleRequest(Map.of("time", Instant.now().toString()), null));
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> instances = (List<Map<String, Object>>) report.get("instances");
        assertEquals(1, instances.size(), report::toString);
        assertEquals("data-collector-1", instances.getFirst().get("instance"));
        assertEquals("unknown", instances.getFirst().get("health"), "moto runs no task, so nothing is probed");
        assertEquals(null, instances.getFirst().get("up"));
        var metrics = cw.listMetrics(r -> r.namespace("QuantsInfra")).metrics();
        List<String> names = metrics.stream().map(m -> m.metricName()).distinct().sorted().toList();
        assertTrue(names.containsAll(List.of("quants_infra_instance_desired", "quants_infra_instance_restarts_1h",
                "quants_infra_instance_running")), names::toString);
        assertFalse(names.contains("quants_infra_instance_up"), names::toString);
        assertTrue(metrics.stream().anyMatch(m -> m.dimensions().stream().anyMatch(d -> d.name().equals("instance")
                && d.value().equals("data-collector-1"))));
    }

    @Test
    @Order(6)
    void health_reportsTheControlPlane_withPerCheckDetail() {
        var r = local.http("GET", "/health", null);
        assertEquals(200, r.statusCode(), r::body);
        assertTrue(r.body().contains("\"status\":\"healthy\""), r::body);
        for (String check : List.of("dynamodb", "ecs", "secretsmanager", "cloudwatch", "alert-evaluation", "health-probe")) {
            assertTrue(r.body().contains("\"name\":\"" + check + "\""), check + " in " + r.body());
        }
        assertTrue(r.body().contains("\"ageSeconds\""), r::body);
    }
}
