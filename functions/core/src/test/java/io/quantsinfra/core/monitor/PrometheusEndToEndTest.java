package io.quantsinfra.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.rule.StoredRuleFile;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor's rendered files run by a real {@code prometheus} (Debian's package) on loopback: a discovered
 * collector (a loopback exporter serving collector-shaped metrics) is scraped with its instance id as
 * {@code instance}, and the applied rule file is loaded. Fails, never skips, when prometheus is missing.
 */
class PrometheusEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void prometheus_scrapesTheDiscoveredCollectorAndLoadsThePublishedRules(@TempDir Path dir) throws Exception {
        HttpServer exporter = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        exporter.createContext("/metrics", ex -> {
            byte[] body = ("# TYPE collector_snapshots_written_total counter\ncollector_snapshots_written_total 42\n"
                    + "# TYPE collector_errors_total counter\ncollector_errors_total 1\n").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        exporter.start();
        int port = freePort();
        Process prometheus = null;
        try {
            writeMonitorFiles(dir, exporter.getAddress().getPort());
            prometheus = start(dir, port);
            String base = "http://127.0.0.1:" + port;
            JsonNode target = awaitUpTarget(base, prometheus);
            assertEquals("data-collector-1", target.path("labels").path("instance").asText());
            JsonNode result = get(base + "/api/v1/query?query=" + URLEncoder.encode(
                    "collector_snapshots_written_total{job=\"quants-infra/data-collector\"}", StandardCharsets.UTF_8)).path("data").path("result");
            assertEquals(1, result.size(), result.toString());
            assertEquals("42", result.get(0).path("value").get(1).asText());
            JsonNode groups = get(base + "/api/v1/rules").path("data").path("groups");
            assertEquals("collectors", groups.get(0).path("name").asText(), groups.toString());
            assertEquals("CollectorNotCollecting", groups.get(0).path("rules").get(0).path("name").asText());
        } finally {
            exporter.stop(0);
            if (prometheus != null) {
                prometheus.destroy();
                if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static void writeMonitorFiles(Path dir, int exporterPort) throws IOException {
        MonitorFilesTest.FakeRules rules = new MonitorFilesTest.FakeRules();
        rules.put(new StoredRuleFile("collectors", 1, MonitorFilesTest.COLLECTOR_RULES, Instant.EPOCH, "ops"));
        List<RunningInstance> running = List.of(new RunningInstance(InstanceId.parse("data-collector-1"), "127.0.0.1", List.of(exporterPort)));
        MonitorFiles files = new MonitorFiles(new MonitorFilesTest.FakeTargets(), rules, () -> running,
                f -> List.of(), new PrometheusConfig(dir.toString()));
        for (Map.Entry<String, String> f : files.render().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            // The monitor scrapes every 15 s; the test scrapes every second so that it is over in a few seconds.
            String text = f.getKey().equals(PrometheusConfig.MAIN_FILE) ? f.getValue().replace(": 15s", ": 1s") : f.getValue();
            Files.writeString(p, text, StandardCharsets.UTF_8);
        }
    }

    private static Process start(Path dir, int port) throws IOException {
        String bin = System.getenv().getOrDefault("PROMETHEUS", "prometheus");
        Files.createDirectories(dir.resolve("data"));
        try {
            return new ProcessBuilder(bin, "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        } catch (IOException e) {
            return fail("prometheus is required for this test: install Debian's 'prometheus' package "
                    + "(scripts/tools-env.sh) or set PROMETHEUS to its path; " + e.getMessage());
        }
    }

    /** Polls the targets API until the discovered target is up; bounded, and fails with Prometheus' own log. */
    private JsonNode awaitUpTarget(String base, Process prometheus) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!prometheus.isAlive()) {
                fail("prometheus exited with " + prometheus.exitValue());
            }
            try {
                JsonNode active = get(base + "/api/v1/targets").path("data").path("activeTargets");
                last = active.toString();
                for (JsonNode t : active) {
                    if (t.path("labels").path("job").asText().equals("quants-infra/data-collector") && t.path("health").asText().equals("up")) {
                        return t;
                    }
                }
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(200);
        }
        return fail("the discovered collector was not scraped within 20 s; last targets: " + last);
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }
}
