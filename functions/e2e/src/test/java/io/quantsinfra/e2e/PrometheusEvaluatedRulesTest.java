package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.FunctionCallLog;
import io.quantsinfra.scheduled.AlertEvaluationHandler;
import io.quantsinfra.scheduled.ScheduledWiring;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import io.quantsinfra.testing.receiver.LoopbackReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules only Prometheus can answer, end to end in local mode with a real {@code prometheus} (Debian's package) on
 * loopback scraping a loopback exporter every second, found through {@code QUANTS_INFRA_PROMETHEUS_URL}: a rule
 * over {@code up} and one over {@code histogram_quantile(… rate(x_bucket[1m]))} are applied (with the warning that
 * the monitor's Prometheus evaluates them), fire through {@code alerts evaluate} and the scheduled evaluator, and
 * notify a loopback webhook; with Prometheus unreachable the rule is an evaluation error, nothing is sent for it,
 * and the rules over CloudWatch are evaluated and notified as ever. Fails, never skips, when prometheus is missing.
 */
@ExtendWith(AwsEmulatorExtension.class)
class PrometheusEvaluatedRulesTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong requests = new AtomicLong(100);

    private static final String RULES = """
            groups:
              - name: monitor
                rules:
                  - alert: ExporterDown
                    expr: up{job="exporter"} == 0
                    labels: {severity: critical}
                    annotations: {summary: "{{ $labels.instance }} is down"}
                  - alert: SlowRequests
                    expr: histogram_quantile(0.99, sum by (le) (rate(api_request_duration_seconds_bucket[1m]))) > 0.5
                    annotations: {summary: "p99 {{ $value | humanize }}s"}
                  - alert: DeadMansSwitch
                    expr: vector(1)
            """;

    private static String routing(LoopbackReceiver hook) {
        return """
                route: {receiver: hook, group_by: [alertname], group_wait: 0s, group_interval: 1s}
                receivers:
                  - name: hook
                    webhook_configs: [{url: '%s'}]
                """.formatted(hook.url("/hook"));
    }

    @Test
    void upAndHistogramRules_fireThroughTheMonitorsPrometheus_andNotify(AwsEmulator aws, @TempDir Path dir) throws Exception {
        HttpServer exporter = exporter();
        int port = freePort();
        Process prometheus = null;
        try (LoopbackReceiver hook = new LoopbackReceiver()) {
            prometheus = startPrometheus(dir, port, exporter.getAddress().getPort());
            String base = "http://127.0.0.1:" + port;
            try (LocalModeFixture local = new LocalModeFixture(aws, Map.of(AwsSettings.PROMETHEUS_URL, base))) {
                var applied = local.cli("alerts", "rules", "apply", "-f", write(dir, "rules.yml", RULES).toString());
                assertEquals(0, applied.exit(), applied::toString);
                assertTrue(applied.out().contains("warning: group 'monitor', rule 'ExporterDown': evaluated by the monitor's "
                        + "Prometheus (it reads up); it needs a deployed monitor"), applied::toString);
                assertTrue(applied.out().contains("rule 'SlowRequests': evaluated by the monitor's Prometheus (histogram_quantile(), "
                        + "it reads api_request_duration_seconds_bucket)"), applied::toString);
                assertFalse(applied.out().contains("DeadMansSwitch"), "a rule over CloudWatch is not warned of");
                assertEquals(0, local.cli("alerts", "config", "apply", "-f", write(dir, "am.yml", routing(hook)).toString()).exit());

                await(base, prometheus, "histogram_quantile(0.99, sum by (le) (rate(api_request_duration_seconds_bucket[1m]))) > 0.5");
                var first = local.cli("alerts", "evaluate");
                assertEquals(0, first.exit(), first::toString);
                assertTrue(first.out().contains("2 query(ies) to the monitor's Prometheus"), first::toString);
                assertFalse(first.out().contains("error:"), first::toString);
                assertTrue(bodies(hook).stream().anyMatch(b -> b.contains("\"alertname\":\"SlowRequests\"") && b.contains("p99 ")),
                        bodies(hook)::toString);
                assertFalse(bodies(hook).stream().anyMatch(b -> b.contains("ExporterDown")), "the exporter is up");

                exporter.stop(0);
                await(base, prometheus, "up{job=\"exporter\"} == 0");
                FunctionCallLog calls = FunctionCallLog.scoped("alert-evaluation");
                try (ScheduledWiring wiring = new ScheduledWiring(withPrometheus(local, base), Clock.systemUTC(), List.of(calls))) {
                    Map<String, Object> report = calls.during(() -> new AlertEvaluationHandler(wiring)
                            .handleRequest(Map.of("force", true), null));
                    assertEquals(2, report.get("prometheusQueries"), report::toString);
                    assertEquals(List.of(), report.get("errors"), report::toString);
                }
                assertTrue(bodies(hook).stream().anyMatch(b -> b.contains("\"alertname\":\"ExporterDown\"")
                        && b.contains("\"status\":\"firing\"") && b.contains("is down")), bodies(hook)::toString);
                var listed = local.cli("alerts", "list");
                assertTrue(listed.out().contains("ExporterDown") && listed.out().contains("firing"), listed::toString);
            }
        } finally {
            exporter.stop(0);
            stop(prometheus);
        }
    }

    @Test
    void anUnreachablePrometheus_isTheRulesError_nothingIsSentForIt_andCloudWatchRulesGoOn(AwsEmulator aws, @TempDir Path dir)
            throws Exception {
        int closed = freePort();
        try (LoopbackReceiver hook = new LoopbackReceiver();
             LocalModeFixture local = new LocalModeFixture(aws, Map.of(AwsSettings.PROMETHEUS_URL, "http://127.0.0.1:" + closed))) {
            assertEquals(0, local.cli("alerts", "rules", "apply", "-f", write(dir, "rules.yml", RULES).toString()).exit());
            assertEquals(0, local.cli("alerts", "config", "apply", "-f", write(dir, "am.yml", routing(hook)).toString()).exit());
            var r = local.cli("alerts", "evaluate");
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().contains("error: rules/monitor/ExporterDown: cannot reach the monitor's Prometheus at 127.0.0.1:"
                    + closed) && r.out().contains("error: rules/monitor/SlowRequests: cannot reach"), r::toString);
            assertTrue(r.out().contains("1 firing"), r::toString);
            List<String> sent = bodies(hook);
            assertTrue(sent.stream().anyMatch(b -> b.contains("\"alertname\":\"DeadMansSwitch\"")), sent::toString);
            assertFalse(sent.stream().anyMatch(b -> b.contains("ExporterDown") || b.contains("SlowRequests")), sent::toString);

            // As on AWS (no override): the scheduled evaluator looks for the monitor's task in ECS and finds none.
            FunctionCallLog calls = FunctionCallLog.scoped("alert-evaluation");
            try (ScheduledWiring wiring = new ScheduledWiring(local.local.settings(), Clock.systemUTC(), List.of(calls))) {
                Map<String, Object> report = calls.during(() -> new AlertEvaluationHandler(wiring)
                        .handleRequest(Map.of("force", true), null));
                assertEquals(List.of("rules/monitor/ExporterDown: no monitor is running (deploy one with quants-infra deploy "
                        + "--service monitor); rules evaluated by the monitor's Prometheus wait for it",
                        "rules/monitor/SlowRequests: no monitor is running (deploy one with quants-infra deploy --service monitor); "
                        + "rules evaluated by the monitor's Prometheus wait for it"), report.get("errors"), report::toString);
                assertEquals(1, report.get("firing"), report::toString);
            }
            assertFalse(bodies(hook).stream().anyMatch(b -> b.contains("ExporterDown") || b.contains("SlowRequests")));
        }
    }

    /** The settings the scheduled Lambda would have, with the loopback Prometheus override. */
    private static AwsSettings withPrometheus(LocalModeFixture local, String url) {
        Map<String, String> env = new java.util.HashMap<>(local.local.settings().toEnvironment());
        env.put(AwsSettings.PROMETHEUS_URL, url);
        return AwsSettings.from(env);
    }

    private HttpServer exporter() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        s.createContext("/metrics", ex -> {
            long n = requests.addAndGet(10);
            byte[] body = ("""
                    # TYPE api_request_duration_seconds histogram
                    api_request_duration_seconds_bucket{le="0.1"} 0
                    api_request_duration_seconds_bucket{le="1"} %d
                    api_request_duration_seconds_bucket{le="+Inf"} %d
                    api_request_duration_seconds_sum %d
                    api_request_duration_seconds_count %d
                    """).formatted(n, n, n, n).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        s.start();
        return s;
    }

    private static Process startPrometheus(Path dir, int port, int exporterPort) throws IOException {
        Files.writeString(dir.resolve("prometheus.yml"), """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                scrape_configs:
                  - job_name: exporter
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(exporterPort));
        Files.createDirectories(dir.resolve("data"));
        String bin = System.getenv().getOrDefault("PROMETHEUS", "prometheus");
        try {
            return new ProcessBuilder(bin, "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path="
                    + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        } catch (IOException e) {
            return fail("prometheus is required for this test: install Debian's 'prometheus' package "
                    + "(scripts/tools-env.sh) or set PROMETHEUS to its path; " + e.getMessage());
        }
    }

    /** Polls Prometheus until {@code expr} gives a sample; bounded. */
    private void await(String base, Process prometheus, String expr) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!prometheus.isAlive()) {
                fail("prometheus exited with " + prometheus.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
                        + URLEncoder.encode(expr, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.body();
                if (r.statusCode() == 200 && last.contains("\"value\"")) {
                    return;
                }
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(250);
        }
        fail("Prometheus gave nothing for " + expr + " within 30 s; last answer: " + last);
    }

    private static List<String> bodies(LoopbackReceiver hook) {
        return hook.requests().stream().map(LoopbackReceiver.Request::body).toList();
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static void stop(Process p) throws InterruptedException {
        if (p != null) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }
}
