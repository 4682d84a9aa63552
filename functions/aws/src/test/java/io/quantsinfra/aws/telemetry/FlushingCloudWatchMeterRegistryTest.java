package io.quantsinfra.aws.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Clock;
import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

/** The registry's flush against the emulator: what was recorded is readable with GetMetricData once flush returns. */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlushingCloudWatchMeterRegistryTest {
    final AwsCallRecorder recorder = new AwsCallRecorder();
    AwsClients clients;
    CloudWatchClient cw;
    FlushingCloudWatchMeterRegistry registry;

    @BeforeAll
    void start(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws, recorder);
        cw = clients.cloudWatch();
    }

    @BeforeEach
    void fresh(AwsEmulator aws) {
        aws.reset();
        recorder.clear();
        registry = new FlushingCloudWatchMeterRegistry(ControlPlaneMetrics.NAMESPACE, new SyncCloudWatchAsyncClient(cw), Clock.SYSTEM);
    }

    @AfterAll
    void stop() {
        clients.close();
    }

    List<PutMetricDataRequest> puts() {
        return recorder.calls().stream().filter(c -> c.operation().equals("PutMetricData"))
                .map(c -> (PutMetricDataRequest) c.request()).toList();
    }

    /** One statistic of a series over the last 10 minutes, summed over periods; null when it has no datapoint. */
    Double read(String name, String stat, String... dims) {
        List<Dimension> d = new java.util.ArrayList<>();
        for (int i = 0; i < dims.length; i += 2) {
            d.add(Dimension.builder().name(dims[i]).value(dims[i + 1]).build());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        var r = cw.getMetricData(q -> q.startTime(now.minus(Duration.ofMinutes(10))).endTime(now)
                .metricDataQueries(MetricDataQuery.builder().id("m").metricStat(s -> s.stat(stat).period(60)
                        .metric(m -> m.namespace(ControlPlaneMetrics.NAMESPACE).metricName(name).dimensions(d))).build()));
        List<Double> values = r.metricDataResults().getFirst().values();
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void flush_publishesWhatWasRecorded_readableAsSoonAsItReturns() {
        registry.timer(ControlPlaneMetrics.DEPLOY, "result", "changed").record(Duration.ofMillis(120));
        registry.timer(ControlPlaneMetrics.DEPLOY, "result", "changed").record(Duration.ofMillis(80));
        registry.counter(ControlPlaneMetrics.NOTIFICATIONS, "receiver", "pager", "result", "sent").increment(2);
        registry.summary(ControlPlaneMetrics.RULES_FIRING).record(3);

        FlushingCloudWatchMeterRegistry.Flush f = registry.flush();

        assertEquals(new FlushingCloudWatchMeterRegistry.Flush(3, 1, List.of(), f.took()), f);
        assertEquals(2.0, read(ControlPlaneMetrics.DEPLOY, "SampleCount", "result", "changed"));
        assertEquals(120.0, read(ControlPlaneMetrics.DEPLOY, "Maximum", "result", "changed"));
        assertEquals(100.0, read(ControlPlaneMetrics.DEPLOY, "Average", "result", "changed"));
        assertEquals(2.0, read(ControlPlaneMetrics.NOTIFICATIONS, "Sum", "receiver", "pager", "result", "sent"));
        assertEquals(3.0, read(ControlPlaneMetrics.RULES_FIRING, "Maximum"));
        MetricDatum timer = puts().getFirst().metricData().stream().filter(m -> m.metricName().equals(ControlPlaneMetrics.DEPLOY))
                .findFirst().orElseThrow();
        assertEquals("Milliseconds", timer.unitAsString());
        assertEquals(List.of(80.0, 120.0), timer.values(), "raw values, so CloudWatch keeps percentiles");
        assertEquals(ControlPlaneMetrics.NAMESPACE, puts().getFirst().namespace());
    }

    @Test
    void flush_sendsEachValueOnce_andNothingWhenNothingWasRecorded() {
        assertEquals(FlushingCloudWatchMeterRegistry.Flush.NOTHING, registry.flush());
        registry.counter(ControlPlaneMetrics.NOTIFICATIONS, "receiver", "chat", "result", "failed").increment();
        registry.timer(ControlPlaneMetrics.EVALUATION, "outcome", "evaluated").record(Duration.ofMillis(5));
        registry.flush();
        registry.counter(ControlPlaneMetrics.NOTIFICATIONS, "receiver", "chat", "result", "failed").increment();

        FlushingCloudWatchMeterRegistry.Flush second = registry.flush();

        assertEquals(1, second.datums(), "the idle timer sends no zero");
        assertEquals(FlushingCloudWatchMeterRegistry.Flush.NOTHING, registry.flush());
        assertEquals(2, puts().size());
        assertEquals(2.0, read(ControlPlaneMetrics.NOTIFICATIONS, "Sum", "receiver", "chat", "result", "failed"));
        assertEquals(1.0, read(ControlPlaneMetrics.EVALUATION, "SampleCount", "outcome", "evaluated"));
    }

    @Test
    void flush_ofMoreValuesThanOneDatumCarries_sendsTheStatisticSet() {
        for (int i = 1; i <= 200; i++) {
            registry.timer(ControlPlaneMetrics.API_REQUEST, "route", "/v1/status", "method", "GET", "status", "2xx")
                    .record(Duration.ofMillis(i));
        }

        registry.flush();

        MetricDatum d = puts().getFirst().metricData().getFirst();
        assertFalse(d.hasValues());
        assertNotNull(d.statisticValues());
        assertEquals(200.0, read(ControlPlaneMetrics.API_REQUEST, "SampleCount", "route", "/v1/status", "method", "GET", "status", "2xx"));
        assertEquals(200.0, read(ControlPlaneMetrics.API_REQUEST, "Maximum", "route", "/v1/status", "method", "GET", "status", "2xx"));
        assertEquals(1.0, read(ControlPlaneMetrics.API_REQUEST, "Minimum", "route", "/v1/status", "method", "GET", "status", "2xx"));
    }

    @Test
    void flush_whoseRequestFails_reportsTheError_andDoesNotThrow() {
        CloudWatchAsyncClient failing = new CloudWatchAsyncClient() {
            @Override
            public CompletableFuture<PutMetricDataResponse> putMetricData(PutMetricDataRequest request) {
                return CompletableFuture.failedFuture(new IllegalStateException("throttled"));
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        };
        FlushingCloudWatchMeterRegistry r = new FlushingCloudWatchMeterRegistry(ControlPlaneMetrics.NAMESPACE, failing, Clock.SYSTEM);
        r.counter(ControlPlaneMetrics.NOTIFICATIONS, "receiver", "x", "result", "sent").increment();

        FlushingCloudWatchMeterRegistry.Flush f = r.flush();

        assertEquals(List.of("IllegalStateException: throttled"), f.errors());
        assertEquals(0, f.requests());
        assertEquals(FlushingCloudWatchMeterRegistry.Flush.NOTHING, r.flush(), "the failed data is dropped, not resent");
    }

    @Test
    void close_flushesWhatIsLeft() {
        registry.counter(ControlPlaneMetrics.NOTIFICATIONS, "receiver", "y", "result", "sent").increment();

        registry.close();

        assertEquals(1.0, read(ControlPlaneMetrics.NOTIFICATIONS, "Sum", "receiver", "y", "result", "sent"));
    }

    @Test
    void theRegistry_startsNoPublishingThread() {
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("cloudwatch-metrics-publisher")
                || t.getName().startsWith("step-meter-registry-poller")), "publishing happens in flush() only");
        assertNull(read("nothing_recorded", "Sum"));
    }
}
