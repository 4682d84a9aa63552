package io.quantsinfra.aws.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.core.metrics.CycleData;
import io.quantsinfra.core.metrics.Datapoints;
import io.quantsinfra.core.metrics.MetricId;
import io.quantsinfra.core.metrics.MetricPublisher;
import io.quantsinfra.core.metrics.SeriesDiscovery;
import io.quantsinfra.core.promql.Evaluator;
import io.quantsinfra.core.promql.PromQl;
import io.quantsinfra.core.promql.Sample;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/** The real CloudWatch client against the emulator: discovery, batched reads, writes, and a selector end to end. */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudWatchMetricSourceTest {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    final AwsCallRecorder recorder = new AwsCallRecorder();
    AwsClients clients;
    CloudWatchClient cw;
    CloudWatchMetricSource source;

    @BeforeAll
    void start(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws, recorder);
        cw = clients.cloudWatch();
        source = new CloudWatchMetricSource(cw);
        for (int m = 10; m >= 1; m--) {
            for (String svc : List.of("freqtrade-1", "data-collector-1")) {
                put("AWS/ECS", "CPUUtilization", NOW.minus(Duration.ofMinutes(m)), svc.startsWith("freq") ? 90 + m % 2 : 20,
                        "ClusterName", "quants-infra", "ServiceName", svc);
            }
            put("AWS/ECS", "MemoryUtilization", NOW.minus(Duration.ofMinutes(m)), 40, "ClusterName", "quants-infra",
                    "ServiceName", "freqtrade-1");
        }
    }

    @AfterAll
    void stop() {
        cw.close();
        clients.close();
    }

    void put(String ns, String name, Instant at, double value, String... dims) {
        List<Dimension> d = new ArrayList<>();
        for (int i = 0; i < dims.length; i += 2) {
            d.add(Dimension.builder().name(dims[i]).value(dims[i + 1]).build());
        }
        cw.putMetricData(r -> r.namespace(ns).metricData(MetricDatum.builder().metricName(name).timestamp(at).value(value)
                .dimensions(d).build()));
    }

    @Test
    void list_byNamespace_findsEverySeriesWithItsDimensions() {
        List<MetricId> ids = source.list("AWS/ECS", null);
        assertTrue(ids.contains(MetricId.of("AWS/ECS", "CPUUtilization",
                Map.of("ClusterName", "quants-infra", "ServiceName", "freqtrade-1"), null)), ids::toString);
        assertEquals(3, ids.stream().filter(i -> i.namespace().equals("AWS/ECS")).count(), ids::toString);
    }

    @Test
    void fetch_readsEachSeriesOldestFirst_inOneRequest() {
        MetricId cpu = MetricId.of("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "quants-infra", "ServiceName", "freqtrade-1"), "Average");
        MetricId mem = MetricId.of("AWS/ECS", "MemoryUtilization", Map.of("ClusterName", "quants-infra", "ServiceName", "freqtrade-1"), "Maximum");
        MetricId none = MetricId.of("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "quants-infra", "ServiceName", "nosuch"), "Average");
        recorder.clear();

        Map<MetricId, Datapoints> got = source.fetch(List.of(cpu, mem, none), NOW.minus(Duration.ofMinutes(5)), NOW, Duration.ofMinutes(1));

        assertEquals(List.of("GetMetricData"), recorder.calls().stream().map(AwsCallRecorder.Call::operation).toList());
        Datapoints d = got.get(cpu);
        assertEquals(5, d.times().length);
        assertEquals(NOW.minus(Duration.ofMinutes(5)).toEpochMilli(), d.times()[0]);
        assertArrayEquals(new double[] {91, 90, 91, 90, 91}, d.values());
        assertEquals(40, got.get(mem).values()[0]);
        assertEquals(0, got.get(none).times().length);
    }

    @Test
    void selector_overTheEmulator_evaluatesLikePrometheus() {
        SeriesDiscovery discovery = new SeriesDiscovery(source, Clock.systemUTC(), Duration.ofMinutes(5));
        var expr = PromQl.parse("avg_over_time(aws_ecs_cpuutilization_average{service_name=~\"freqtrade-.*\"}[4m]) > 80");
        CycleData data = CycleData.load(List.of(new CycleData.Need(expr.selectors().getFirst(), expr.window())), NOW,
                discovery, source);

        List<Sample> v = Evaluator.vector(expr, NOW, data);

        assertEquals(1, v.size());
        assertEquals("freqtrade-1", v.getFirst().labels().get("service_name"));
        assertEquals("quants-infra", v.getFirst().labels().get("cluster_name"));
        assertEquals(90.5, v.getFirst().value(), 1e-9);
        assertEquals(1, data.requests());
    }

    @Test
    void ownMetrics_areFoundByName_inAnyNamespace_andPublished() {
        source.publish("QuantsInfra", List.of(new MetricPublisher.Datum("quants_infra_instance_up",
                Map.of("service", "freqtrade", "instance", "freqtrade-1"), 0, NOW.minus(Duration.ofMinutes(1)))));
        SeriesDiscovery discovery = new SeriesDiscovery(source, Clock.systemUTC(), Duration.ofMinutes(5));
        var expr = PromQl.parse("quants_infra_instance_up == 0");
        CycleData data = CycleData.load(List.of(new CycleData.Need(expr.selectors().getFirst(), expr.window())), NOW,
                discovery, source);

        List<Sample> v = Evaluator.vector(expr, NOW, data);

        assertEquals(1, v.size(), v::toString);
        assertEquals("freqtrade-1", v.getFirst().labels().get("instance"));
    }

    @Test
    void publish_splitsIntoRequestsOf500() {
        List<MetricPublisher.Datum> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(new MetricPublisher.Datum("bulk", Map.of("i", Integer.toString(i)), i, NOW.minus(Duration.ofMinutes(1))));
        }
        recorder.clear();
        source.publish("Bulk", many);
        assertEquals(3, recorder.calls().stream().filter(c -> c.operation().equals("PutMetricData")).count());
    }
}
