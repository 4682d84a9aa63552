package io.quantsinfra.aws.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.metrics.PrometheusQuery;
import io.quantsinfra.core.monitor.RunningInstance;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Where the monitor's Prometheus is: the monitor's running task's IP literal, on Prometheus' port, cached. */
class MonitorPrometheusTest {
    private final AtomicReference<List<RunningInstance>> running = new AtomicReference<>(List.of());
    private final AtomicInteger lookups = new AtomicInteger();
    private final MonitorPrometheus where = new MonitorPrometheus(() -> {
        lookups.incrementAndGet();
        return running.get();
    });

    private static RunningInstance monitor(String address) {
        return new RunningInstance(InstanceId.parse("monitor-1"), address, List.of(9090, 3000, 9093));
    }

    @Test
    void theRunningTasksAddress_onPrometheusPort_isLookedUpOncePerMinute() {
        running.set(List.of(monitor("10.42.1.7")));
        assertEquals(URI.create("http://10.42.1.7:9090"), where.get());
        assertEquals(URI.create("http://10.42.1.7:9090"), where.get());
        assertEquals(1, lookups.get());
    }

    @Test
    void noMonitor_saysSo() {
        String m = assertThrows(PrometheusQuery.Failure.class, where::get).getMessage();
        assertTrue(m.startsWith("no monitor is running (deploy one with quants-infra deploy --service monitor)"), m);
    }

    @Test
    void onlyPlainIpv4Literals_areCalled() {
        running.set(List.of(monitor("monitor.internal"), monitor("127.000.0.1"), monitor("10.0.0.9")));
        assertEquals(URI.create("http://10.0.0.9:9090"), where.get());
    }

    @Test
    void aFailedCall_forgetsTheAddress_soTheNextAsksEcsAgain() {
        running.set(List.of(monitor("10.42.1.7")));
        List<URI> called = new ArrayList<>();
        PrometheusQuery q = where.over((expr, t, timeout) -> {
            called.add(where.get());
            throw new PrometheusQuery.Failure("cannot reach it");
        });
        assertThrows(PrometheusQuery.Failure.class, () -> q.query("up", Instant.now(), Duration.ofSeconds(1)));
        running.set(List.of(monitor("10.42.2.8")));
        assertThrows(PrometheusQuery.Failure.class, () -> q.query("up", Instant.now(), Duration.ofSeconds(1)));
        assertEquals(List.of(URI.create("http://10.42.1.7:9090"), URI.create("http://10.42.2.8:9090")), called);
    }
}
