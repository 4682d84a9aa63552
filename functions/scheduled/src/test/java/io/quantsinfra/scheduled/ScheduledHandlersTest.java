package io.quantsinfra.scheduled;

import io.quantsinfra.testing.receiver.LoopbackReceiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.local.LocalAccount;
import io.quantsinfra.core.evaluation.Heartbeats;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * The handlers as the Lambda runtime calls them: a real EventBridge scheduled event, the emulator behind the
 * adapters, and two "containers" (handler instances with their own clients) invoked at once.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledHandlersTest {
    AwsSettings settings;
    final LoopbackReceiver hook = new LoopbackReceiver();
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(5);

    @BeforeAll
    void start(AwsEmulator aws) {
        aws.reset();
        Map<String, String> env = new HashMap<>(LocalAccount.prepare(aws.endpoint(), List.of("freqtrade", "data-collector", "monitor"))
                .toEnvironment());
        env.put(AwsSettings.AWS_RETRIES, "0");
        env.put(AwsSettings.EGRESS_ALLOW, io.quantsinfra.core.egress.EgressPolicy.LOOPBACK);   // the test receivers are on loopback
        settings = AwsSettings.from(env);
    }

    @AfterAll
    void stop() {
        hook.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> event() throws IOException {
        try (var in = ScheduledHandlersTest.class.getResourceAsStream("/events/scheduled-event.json")) {
            return new ObjectMapper().readValue(in, Map.class);
        }
    }

    ScheduledWiring container() {
        return new ScheduledWiring(settings, Clock.fixed(now, java.time.ZoneOffset.UTC), RecordedCalls.interceptors());
    }

    @Test
    void twoContainersInvokedAtOnce_evaluateOnce_andNotifyEachGroupExactlyOnce() throws Exception {
        try (ScheduledWiring setup = container(); var cw = new io.quantsinfra.aws.AwsClients(settings).cloudWatch()) {
            for (int i = 1; i <= 5; i++) {
                for (int m = 1; m <= 3; m++) {
                    String svc = "freqtrade-" + i;
                    Instant at = now.minus(Duration.ofMinutes(m)).truncatedTo(ChronoUnit.MINUTES);
                    cw.putMetricData(r -> r.namespace("AWS/ECS").metricData(MetricDatum.builder().metricName("CPUUtilization")
                            .value(95.0).timestamp(at).dimensions(Dimension.builder().name("ClusterName").value("quants-infra").build(),
                                    Dimension.builder().name("ServiceName").value(svc).build()).build()));
                }
            }
            setup.alerting().rules().apply("ecs", Map.of("groups", List.of(Map.of("name", "ecs", "rules", List.of(Map.of(
                    "alert", "HighCpu", "expr", "aws_ecs_cpuutilization_average > 80"))))), "test");
            setup.alerting().routing().apply(Map.of("route", Map.of("receiver", "hook", "group_by", List.of("service_name"),
                    "group_wait", "0s"), "receivers", List.of(Map.of("name", "hook",
                    "webhook_configs", List.of(Map.of("url", hook.url("/hook")))))), "test");
        }
        List<ScheduledWiring> containers = List.of(container(), container(), container());
        List<Callable<Map<String, Object>>> calls = new ArrayList<>();
        Map<String, Object> event = event();
        for (ScheduledWiring c : containers) {
            calls.add(() -> RecordedCalls.evaluate(c, event));
        }
        List<Map<String, Object>> reports = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (Future<Map<String, Object>> f : pool.invokeAll(calls)) {
                reports.add(f.get());
            }
        }
        containers.forEach(ScheduledWiring::close);

        long evaluated = reports.stream().filter(r -> r.get("skipped") == null).count();
        assertTrue(evaluated >= 1, reports::toString);
        assertEquals(5, hook.requests().size(), hook.requests()::toString);
        assertEquals(5, hook.requests().stream().map(r -> r.body().replaceAll(".*\"service_name\":\"(freqtrade-\\d)\".*", "$1"))
                .distinct().count());
        assertEquals("arn:aws:events:us-east-1:123456789012:rule/quants-infra-alert-evaluation", reports.getFirst().get("trigger"));

        try (ScheduledWiring again = container()) {
            Map<String, Object> r = RecordedCalls.evaluate(again, event());
            assertEquals(null, r.get("skipped"), r::toString);
            assertEquals(5, hook.requests().size(), "a retried invocation sends nothing again");
        }
    }

    @Test
    void healthProbe_withNoInstances_publishesNothing_andBeats() throws Exception {
        try (ScheduledWiring c = container()) {
            Map<String, Object> r = RecordedCalls.probe(c, event());
            assertEquals(0, r.get("datapoints"));
            assertEquals(now, c.alerting().ports().heartbeats().last(Heartbeats.PROBE).orElseThrow());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthProbe_republishesTheMonitorsDiscoveredTargets_everyCycle() throws Exception {
        try (ScheduledWiring c = container(); var s3 = new io.quantsinfra.aws.AwsClients(settings).s3()) {
            Map<String, Object> first = RecordedCalls.probe(c, event());
            Map<String, Object> second = RecordedCalls.probe(c, event());

            assertTrue(first.get("monitor_files") instanceof List<?>, "published: " + first.get("monitor_files"));
            var keys = s3.listObjectsV2(r -> r.bucket(settings.monitorBucket()).prefix("monitor/")).contents().stream()
                    .map(o -> o.key()).toList();
            assertTrue(keys.stream().anyMatch(k -> k.contains("discovered/")), keys.toString());
            assertEquals(List.of(), second.get("monitor_files"), "nothing moved, nothing rewritten");
        }
    }
}
