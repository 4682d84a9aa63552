package io.quantsinfra.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.core.health.HealthEndpoint.Reading;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpHealthProbeTest {

    private static final Instant NOW = Instant.parse("2024-01-01T12:05:00Z");
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private static HttpServer server;
    private static ExecutorService executor;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        // Freqtrade's /api/v1/health answer shape; 1704110400 is 2024-01-01T12:00:00Z.
        answer("/fresh", 200, """
                {"last_process":"2024-01-01 12:04:50+00:00","last_process_loc":"2024-01-01 13:04:50 CET","last_process_ts":1704110690}""");
        answer("/stale", 200, """
                {"last_process":"2024-01-01 12:00:00+00:00","last_process_loc":"2024-01-01 13:00:00 CET","last_process_ts":1704110400}""");
        answer("/not-yet", 200, """
                {"last_process":null,"last_process_loc":null,"last_process_ts":null}""");
        answer("/no-ts", 200, "{\"status\":\"pong\"}");
        answer("/error", 500, "{\"detail\":\"Internal Server Error\"}");
        answer("/metrics", 200, """
                # HELP collector_snapshots_total Order book snapshots written.
                # TYPE collector_snapshots_total counter
                collector_snapshots_total{pair="BNKR-USDT"} 1532
                """);
        answer("/empty-metrics", 200, "# HELP nothing yet\n\n");
        server.createContext("/slow", ex -> {
            sleep(1500);
            respond(ex, 200, "{}");
        });
        server.createContext("/auth", ex -> respond(ex,
                "Basic Ym90OnNlY3JldA==".equals(ex.getRequestHeaders().getFirst("Authorization")) ? 200 : 401, "{}"));
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void probe_readsLastProcessTs_whenFreqtradeAnswers() {
        ProbeResult r = probeOne("/fresh", Reading.FREQTRADE_LAST_PROCESS);

        var a = assertInstanceOf(ProbeResult.Answered.class, r);
        assertEquals(200, a.httpStatus());
        assertEquals(Instant.parse("2024-01-01T12:04:50Z"), a.lastProcess());
        assertNull(a.bodyProblem());
        assertEquals(5, a.latencyMs(), "the step clock advances 5 ms between send and answer");
    }

    @Test
    void probeThenEvaluate_reportsDegraded_whenFreqtradeLastProcessIsStale() {
        HealthEndpoint endpoint = endpoint("/stale", Reading.FREQTRADE_LAST_PROCESS);
        List<EndpointProbe> probes = probe().probe("127.0.0.1", List.of(endpoint));
        ServiceFacts service = new ServiceFacts("freqtrade-1", "ACTIVE", 1, 1, 0, List.of(), List.of());

        Instant later = Instant.parse("2024-01-01T12:15:00Z");

        HealthReport report = HealthRules.defaults().evaluate(HealthFacts.of(service, List.of(), probes, later), later);

        assertEquals(HealthReport.Status.DEGRADED, report.status());
        assertEquals("ECS reports 1 of 1 running, but freqtrade last processed 15 min ago (stale after 5 min)",
                report.message());
        assertEquals(900L, report.metrics().get("last_process_age_s"));
    }

    @Test
    void probe_reportsNoLastProcess_whenFreqtradeHasNotProcessedYet() {
        var a = assertInstanceOf(ProbeResult.Answered.class, probeOne("/not-yet", Reading.FREQTRADE_LAST_PROCESS));

        assertNull(a.lastProcess());
        assertNull(a.bodyProblem());
    }

    @Test
    void probe_reportsABodyProblem_whenTheAnswerHasNoLastProcessTs() {
        var a = assertInstanceOf(ProbeResult.Answered.class, probeOne("/no-ts", Reading.FREQTRADE_LAST_PROCESS));

        assertEquals("its body has no last_process_ts", a.bodyProblem());
    }

    @Test
    void probe_reportsTheStatus_whenTheEndpointAnswers500() {
        var a = assertInstanceOf(ProbeResult.Answered.class, probeOne("/error", Reading.FREQTRADE_LAST_PROCESS));

        assertEquals(500, a.httpStatus());
        assertNull(a.bodyProblem());
    }

    @Test
    void probe_timesOut_whenTheEndpointIsSlow() {
        long start = System.nanoTime();

        ProbeResult r = probeOne("/slow", Reading.HTTP_OK);

        assertEquals(new ProbeResult.TimedOut(300), r);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1200, "did not wait for the slow answer");
    }

    @Test
    void probe_reportsFailed_whenTheConnectionIsRefused() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        HealthEndpoint e = new HealthEndpoint("grafana", closed, "/api/health", Reading.HTTP_OK);

        ProbeResult r = probe().probe("127.0.0.1", List.of(e)).getFirst().result();

        assertEquals(new ProbeResult.Failed("connection refused"), r);
    }

    @Test
    void probe_acceptsAMetricsPage_withAtLeastOneSample() {
        var a = assertInstanceOf(ProbeResult.Answered.class, probeOne("/metrics", Reading.PROMETHEUS_METRICS));

        assertTrue(a.ok());
    }

    @Test
    void probe_reportsABodyProblem_whenTheMetricsPageHasOnlyComments() {
        var a = assertInstanceOf(ProbeResult.Answered.class, probeOne("/empty-metrics", Reading.PROMETHEUS_METRICS));

        assertEquals("the metrics page has no samples", a.bodyProblem());
    }

    @Test
    void probe_sendsConfiguredHeaders_perEndpoint() {
        HttpHealthProbe withAuth = HttpHealthProbe.builder().timeout(TIMEOUT)
                .headers(e -> Map.of("Authorization", "Basic Ym90OnNlY3JldA==")).build();

        ProbeResult r = withAuth.probe("127.0.0.1", List.of(endpoint("/auth", Reading.HTTP_OK))).getFirst().result();

        assertEquals(200, assertInstanceOf(ProbeResult.Answered.class, r).httpStatus());
    }

    @Test
    void probe_probesEndpointsInParallel_andKeepsTheirOrder() {
        List<HealthEndpoint> endpoints = List.of(endpoint("/slow", Reading.HTTP_OK), endpoint("/slow", Reading.HTTP_OK),
                endpoint("/metrics", Reading.PROMETHEUS_METRICS));
        long start = System.nanoTime();

        List<EndpointProbe> results = probe().probe("127.0.0.1", endpoints);

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1000, "two timeouts of 300 ms overlapped");
        assertEquals(endpoints, results.stream().map(EndpointProbe::endpoint).toList());
        assertInstanceOf(ProbeResult.TimedOut.class, results.get(0).result());
        assertInstanceOf(ProbeResult.Answered.class, results.get(2).result());
    }

    @Test
    void probe_reportsFailed_insteadOfThrowing_whenARequestCannotBeBuilt() {
        HttpHealthProbe badHeader = HttpHealthProbe.builder().timeout(TIMEOUT).headers(e -> Map.of("Host", "x")).build();

        ProbeResult r = badHeader.probe("127.0.0.1", List.of(endpoint("/fresh", Reading.HTTP_OK))).getFirst().result();

        assertTrue(assertInstanceOf(ProbeResult.Failed.class, r).reason().startsWith("cannot build the request"));
    }

    @Test
    void probe_doesNotSendAnything_whenThereIsNoAddress() {
        List<EndpointProbe> results = probe().probe(" ", List.of(endpoint("/fresh", Reading.FREQTRADE_LAST_PROCESS)));

        assertEquals(new ProbeResult.NotProbed("no address to probe"), results.getFirst().result());
    }

    private static HttpHealthProbe probe() {
        return HttpHealthProbe.builder().timeout(TIMEOUT).clock(new StepClock(NOW, 5)).build();
    }

    private static ProbeResult probeOne(String path, Reading reading) {
        return probe().probe("127.0.0.1", List.of(endpoint(path, reading))).getFirst().result();
    }

    private static HealthEndpoint endpoint(String path, Reading reading) {
        return new HealthEndpoint(reading == Reading.FREQTRADE_LAST_PROCESS ? "freqtrade" : "test", port, path, reading);
    }

    private static void answer(String path, int status, String body) {
        server.createContext(path, ex -> respond(ex, status, body));
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clock that moves {@code stepMs} forward each time it is read, so latency is exact. */
    private static final class StepClock extends Clock {
        private final AtomicLong millis;
        private final long stepMs;

        StepClock(Instant start, long stepMs) {
            this.millis = new AtomicLong(start.toEpochMilli() - stepMs);
            this.stepMs = stepMs;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis.addAndGet(stepMs);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }
    }
}
