package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import io.quantsinfra.testing.receiver.LoopbackReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * {@code alerts evaluate} with a black-holed receiver (accepts the connection, never answers) beside a healthy one,
 * through the CLI against local mode with the evaluate deadline set to 8 s: the call comes back inside its deadline,
 * the healthy receiver is notified, the black-holed one is reported as left for the next cycle, and the next cycle
 * takes it over without notifying the healthy one again.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryDeadlineTest {
    static final int DEADLINE_SECONDS = 8;
    /** Past the deadline: giving the claim back, writing the report (emulator calls on a busy machine). */
    static final long GRACE_MS = 2_000;
    private LocalModeFixture local;
    private final LoopbackReceiver healthy = new LoopbackReceiver();
    private final BlackHole stuck = new BlackHole();
    private Path dir;

    @BeforeAll
    void start(AwsEmulator aws, @TempDir Path tmp) throws IOException {
        dir = tmp;
        local = new LocalModeFixture(aws, Map.of("QUANTS_INFRA_EVALUATE_DEADLINE_SECONDS", Integer.toString(DEADLINE_SECONDS)));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        try (CloudWatchClient cw = local.clients.cloudWatch()) {
            for (int m = 0; m <= 3; m++) {
                Instant at = now.minusSeconds(60L * m);
                cw.putMetricData(r -> r.namespace("AWS/ECS").metricData(MetricDatum.builder().metricName("CPUUtilization")
                        .timestamp(at).value(95.0).dimensions(Dimension.builder().name("ClusterName").value("quants-infra").build(),
                                Dimension.builder().name("ServiceName").value("freqtrade-1").build()).build()));
            }
        }
        apply("rules", file("cpu.yml", """
                groups:
                  - name: ecs
                    rules:
                      - alert: HighCpu
                        expr: aws_ecs_cpuutilization_average{service_name="freqtrade-1"} > 80
                """));
        apply("config", file("alertmanager.yml", """
                route:
                  receiver: healthy
                  group_by: [alertname]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                  routes:
                    - {receiver: stuck, continue: true}
                    - {receiver: healthy}
                receivers:
                  - name: healthy
                    webhook_configs: [{name: ok, url: "%s"}]
                  - name: stuck
                    webhook_configs: [{name: black-hole, url: "%s"}]
                """.formatted(healthy.url("/ok"), stuck.url("/never"))));
    }

    private void apply(String what, Path f) {
        var r = local.cli("alerts", what, "apply", "-f", f.toString());
        assertEquals(0, r.exit(), r::toString);
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @AfterAll
    void stop() {
        local.close();
        healthy.close();
        stuck.close();
    }

    /** Runs {@code alerts evaluate}; checks it came back inside the deadline (the cycle's own clock and the wall's). */
    private LocalModeFixture.Run evaluate() {
        long t0 = System.nanoTime();
        var run = local.cli("alerts", "evaluate");
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, run.exit(), run::toString);
        Matcher m = Pattern.compile(" in (\\d+) ms: ").matcher(run.out());
        assertTrue(m.find(), run::toString);
        long cycleMs = Long.parseLong(m.group(1));
        assertTrue(cycleMs <= DEADLINE_SECONDS * 1000L + GRACE_MS, "cycle " + cycleMs + " ms\n" + run);
        assertTrue(wallMs < 25_000, "wall " + wallMs + " ms: within the production deadline, far below API Gateway's 30 s");
        return run;
    }

    @Test
    @Order(1)
    void evaluate_returnsInsideItsDeadline_notifiesTheHealthyReceiver_andLeavesTheBlackHoledOne() {
        var run = evaluate();

        assertTrue(run.out().contains("notifications: 1 sent"), run::toString);
        assertEquals(1, healthy.requests().size(), run::toString);
        assertTrue(run.out().contains("left for the next cycle: receiver stuck"), run::toString);
        assertTrue(run.out().contains("black-hole"), run::toString);
        assertTrue(stuck.connections() >= 1, "the black hole was tried");
        var receivers = local.cli("alerts", "receivers", "--format", "json");
        assertTrue(receivers.out().contains("\"status\" : \"deferred\""), receivers::toString);
    }

    @Test
    @Order(2)
    void nextEvaluation_takesTheLeftOneOver_andDoesNotNotifyTheHealthyReceiverTwice() {
        int before = stuck.connections();

        var run = evaluate();

        assertEquals(1, healthy.requests().size(), "the healthy receiver is not notified twice\n" + run);
        assertTrue(run.out().contains("left for the next cycle: receiver stuck"), run::toString);
        assertTrue(run.out().contains("notification #1"), "the same notification, taken over\n" + run);
        assertTrue(stuck.connections() > before, "the next cycle tried the black hole again");
        assertEquals(List.of(), healthy.requests().stream().skip(1).toList());
    }
}
