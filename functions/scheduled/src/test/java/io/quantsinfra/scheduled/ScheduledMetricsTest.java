package io.quantsinfra.scheduled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.local.LocalAccount;
import io.quantsinfra.aws.telemetry.ControlPlaneMetrics;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import io.quantsinfra.testing.receiver.LoopbackReceiver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * The alert evaluation handler with metrics on and off, against the emulator: on, the cycle and its notifications
 * are in CloudWatch when {@code handleRequest} returns; off, the handler makes no PutMetricData.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledMetricsTest {
    final LoopbackReceiver hook = new LoopbackReceiver();
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(5);
    AwsSettings settings;
    CloudWatchClient cw;

    @BeforeAll
    void start(AwsEmulator aws) throws Exception {
        aws.reset();
        settings = LocalAccount.prepare(aws.endpoint(), List.of("freqtrade", "data-collector", "monitor"));
        cw = new AwsClients(settings).cloudWatch();
        for (int m = 1; m <= 3; m++) {
            Instant at = now.minus(Duration.ofMinutes(m)).truncatedTo(ChronoUnit.MINUTES);
            cw.putMetricData(r -> r.namespace("AWS/ECS").metricData(MetricDatum.builder().metricName("CPUUtilization").value(95.0)
                    .timestamp(at).dimensions(Dimension.builder().name("ClusterName").value("quants-infra").build(),
                            Dimension.builder().name("ServiceName").value("freqtrade-1").build()).build()));
        }
        try (ScheduledWiring setup = container(false, new AwsCallRecorder())) {
            setup.alerting().rules().apply("ecs", Map.of("groups", List.of(Map.of("name", "ecs", "rules", List.of(Map.of(
                    "alert", "HighCpu", "expr", "aws_ecs_cpuutilization_average > 80"))))), "test");
        }
    }

    /** Routes every alert to a receiver of its own: each test's notification is due, whichever test runs first. */
    void routeTo(String receiver) {
        try (ScheduledWiring setup = container(false, new AwsCallRecorder())) {
            setup.alerting().routing().apply(Map.of("route", Map.of("receiver", receiver, "group_by", List.of("service_name"),
                    "group_wait", "0s"), "receivers", List.of(Map.of("name", receiver,
                    "webhook_configs", List.of(Map.of("url", hook.url("/" + receiver)))))), "test");
        }
    }

    @AfterAll
    void stop() {
        hook.close();
        cw.close();
    }

    ScheduledWiring container(boolean metrics, AwsCallRecorder recorder) {
        Map<String, String> env = new HashMap<>(settings.toEnvironment());
        env.put(AwsSettings.METRICS, Boolean.toString(metrics));
        env.put(AwsSettings.EGRESS_ALLOW, io.quantsinfra.core.egress.EgressPolicy.LOOPBACK);   // the test receivers are on loopback
        return new ScheduledWiring(AwsSettings.from(env), Clock.fixed(now, ZoneOffset.UTC), RecordedCalls.interceptors(recorder));
    }

    /** A statistic of a series over the last 10 minutes (real time: the registry stamps datums when it flushes). */
    Double read(String name, String stat, String... dims) {
        List<Dimension> d = new ArrayList<>();
        for (int i = 0; i < dims.length; i += 2) {
            d.add(Dimension.builder().name(dims[i]).value(dims[i + 1]).build());
        }
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        List<Double> v = cw.getMetricData(q -> q.startTime(end.minus(Duration.ofMinutes(10))).endTime(end)
                        .metricDataQueries(MetricDataQuery.builder().id("m").metricStat(s -> s.stat(stat).period(60)
                                .metric(m -> m.namespace(ControlPlaneMetrics.NAMESPACE).metricName(name).dimensions(d))).build()))
                .metricDataResults().getFirst().values();
        return v.isEmpty() ? null : v.stream().mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void metricsOn_theCycleAndItsNotification_areInCloudWatch_whenTheHandlerReturns() throws Exception {
        routeTo("hook-on");
        AwsCallRecorder calls = new AwsCallRecorder();
        Double cyclesBefore = read(ControlPlaneMetrics.EVALUATION, "SampleCount", "outcome", "evaluated");
        try (ScheduledWiring c = container(true, calls)) {
            Map<String, Object> r = RecordedCalls.evaluate(c, ScheduledHandlersTest.event());

            assertNull(r.get("skipped"), r::toString);
            assertEquals(1, hook.requests().stream().filter(q -> q.path().equals("/hook-on")).count(), hook.requests()::toString);
            assertEquals((cyclesBefore == null ? 0 : cyclesBefore) + 1,
                    read(ControlPlaneMetrics.EVALUATION, "SampleCount", "outcome", "evaluated"));
            assertEquals(1.0, read(ControlPlaneMetrics.RULES_FIRING, "Maximum"));
            assertEquals(1.0, read(ControlPlaneMetrics.ALERTS_FIRING, "Maximum"));
            assertEquals(1.0, read(ControlPlaneMetrics.NOTIFICATIONS, "Sum", "receiver", "hook-on", "result", "sent"));
            assertEquals(1, calls.calls().stream().filter(x -> x.operation().equals("PutMetricData")).count(),
                    "one PutMetricData for the whole invocation");
        }
    }

    @Test
    void metricsOff_theHandlerMakesNoPutMetricData() throws Exception {
        routeTo("hook-off");
        AwsCallRecorder calls = new AwsCallRecorder();
        try (ScheduledWiring c = container(false, calls)) {
            Map<String, Object> r = RecordedCalls.evaluate(c, ScheduledHandlersTest.event());

            assertNull(r.get("skipped"), r::toString);
            assertEquals(1, hook.requests().stream().filter(q -> q.path().equals("/hook-off")).count(), hook.requests()::toString);
            assertFalse(calls.calls().isEmpty(), "the cycle did call AWS");
            assertTrue(calls.calls().stream().noneMatch(x -> x.operation().equals("PutMetricData")), calls.calls()::toString);
        }
    }
}
