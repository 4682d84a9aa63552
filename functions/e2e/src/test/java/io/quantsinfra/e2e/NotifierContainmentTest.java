package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import io.quantsinfra.testing.receiver.LoopbackReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * A malformed URL in a secret (a Slack {@code api_url}, a webhook {@code url}) fails that receiver alone, with a
 * message that names the secret and never quotes it; the other receiver of the same cycle is notified; and no part
 * of the secret values shows in the API's logs, the CLI's output or the receivers' stats.
 */
@ExtendWith(AwsEmulatorExtension.class)
class NotifierContainmentTest {
    static final String SLACK_URL = "ht tp://bad url/with token";
    static final String HOOK_URL = "http://[bad-host/with-hook-token";
    /** Pieces of the secret values that must not appear anywhere. */
    static final List<String> CANARIES = List.of("bad url", "with token", "ht tp", "bad-host", "with-hook-token");
    @TempDir
    Path dir;

    @Test
    void badUrlInASecret_failsThatReceiverAlone_namesTheSecret_andLeaksNothing(AwsEmulator aws) throws IOException {
        try (LogCapture logs = new LogCapture(); LoopbackReceiver healthy = new LoopbackReceiver();
             LocalModeFixture local = new LocalModeFixture(aws)) {
            String prefix = local.local.settings().secretPrefix();
            try (var sm = local.clients.secretsManager(); CloudWatchClient cw = local.clients.cloudWatch()) {
                // Valid when the config is applied (apply checks the URLs a secret holds); broken afterwards, as a
                // secret edited or rotated to a bad value would be: only send time can see that.
                sm.createSecret(r -> r.name(prefix + "alerting/slack").secretString("{\"url\":\"" + healthy.url("/slack") + "\"}"));
                sm.createSecret(r -> r.name(prefix + "alerting/hook").secretString("{\"url\":\"" + healthy.url("/hook") + "\"}"));
                Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
                for (int m = 0; m <= 3; m++) {
                    Instant at = now.minusSeconds(60L * m);
                    cw.putMetricData(r -> r.namespace("AWS/ECS").metricData(MetricDatum.builder().metricName("CPUUtilization")
                            .timestamp(at).value(95.0).dimensions(Dimension.builder().name("ClusterName").value("quants-infra").build(),
                                    Dimension.builder().name("ServiceName").value("freqtrade-1").build()).build()));
                }
            }
            List<LocalModeFixture.Run> runs = new ArrayList<>();
            runs.add(local.cli("alerts", "rules", "apply", "-f", file("cpu.yml", """
                    groups:
                      - name: ecs
                        rules:
                          - alert: HighCpu
                            expr: aws_ecs_cpuutilization_average{service_name="freqtrade-1"} > 80
                    """).toString()));
            runs.add(local.cli("alerts", "config", "apply", "-f", file("alertmanager.yml", """
                    route:
                      receiver: healthy
                      group_by: [alertname]
                      group_wait: 0s
                      routes:
                        - {receiver: slack, continue: true}
                        - {receiver: hook, continue: true}
                        - {receiver: healthy}
                    receivers:
                      - name: slack
                        slack_configs: [{api_url: {secretRef: alerting/slack, jsonKey: url}, channel: '#alerts'}]
                      - name: hook
                        webhook_configs: [{url: {secretRef: alerting/hook, jsonKey: url}}]
                      - name: healthy
                        webhook_configs: [{url: "%s"}]
                    """.formatted(healthy.url("/ok"))).toString()));
            runs.forEach(r -> assertEquals(0, r.exit(), r::toString));
            try (var sm = local.clients.secretsManager()) {
                sm.putSecretValue(r -> r.secretId(prefix + "alerting/slack").secretString("{\"url\":\"" + SLACK_URL + "\"}"));
                sm.putSecretValue(r -> r.secretId(prefix + "alerting/hook").secretString("{\"url\":\"" + HOOK_URL + "\"}"));
            }

            var run = local.cli("alerts", "evaluate");
            runs.add(run);
            runs.add(local.cli("alerts", "receivers", "--format", "json"));

            assertEquals(0, run.exit(), run::toString);
            assertEquals(1, healthy.requests().size(), "the other receiver of the cycle is notified\n" + run);
            assertTrue(run.out().contains("notifications: 1 sent, 2 failed"), run::toString);
            // the send-time URL check (HttpPost) refuses them before any notifier can throw on them
            assertTrue(run.out().contains("receiver slack could not be notified") && run.out().contains("slack-0: the endpoint URL is not valid"),
                    run::toString);
            assertTrue(run.out().contains("receiver hook could not be notified") && run.out().contains("webhook-0: the endpoint URL is not valid"),
                    run::toString);
            assertTrue(runs.getLast().out().contains("\"failures\" : 1"), "counted in the endpoint stats\n" + runs.getLast());
            List<String> everything = new ArrayList<>(logs.lines());
            runs.forEach(r -> everything.add(r.out() + r.err()));
            assertFalse(everything.isEmpty());
            for (String line : everything) {
                for (String canary : CANARIES) {
                    assertFalse(line.contains(canary), "'" + canary + "' leaked");
                }
            }
        }
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }
}
