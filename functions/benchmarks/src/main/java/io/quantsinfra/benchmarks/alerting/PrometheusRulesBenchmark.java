package io.quantsinfra.benchmarks.alerting;

import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.aws.prometheus.PrometheusHttpApi;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.evaluation.CycleReport;
import io.quantsinfra.core.inmemory.InMemoryAlertStore;
import io.quantsinfra.core.inmemory.InMemoryEndpointStats;
import io.quantsinfra.core.inmemory.InMemoryHeartbeats;
import io.quantsinfra.core.inmemory.InMemoryLease;
import io.quantsinfra.core.inmemory.InMemoryMetrics;
import io.quantsinfra.core.inmemory.InMemoryNotificationLog;
import io.quantsinfra.core.inmemory.InMemoryRoutingConfigStore;
import io.quantsinfra.core.inmemory.InMemoryRuleStore;
import io.quantsinfra.core.inmemory.InMemorySecretValues;
import io.quantsinfra.core.inmemory.InMemorySilenceStore;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a rule the monitor's Prometheus evaluates costs a cycle: a real {@code prometheus} (Debian's package) on
 * loopback scrapes a loopback exporter of S counters and a histogram every second; R rules (a quarter each: a rate per
 * series, a histogram_quantile, {@code up == 0}, a sum of rates, all sent to Prometheus) are evaluated by core's
 * {@code AlertEvaluator} through the real adapter, one HTTP request per rule, at most 8 at once. Prints each cycle's
 * wall time, requests, firing alerts and errors, and the time per rule. In-memory state; timed from outside, not a test.
 *
 * <p>{@code functions/benchmarks/prometheus-rules.sh [RULES [SERIES [CYCLES]]]} (defaults 200, 100, 5).
 */
public final class PrometheusRulesBenchmark {
    private PrometheusRulesBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int series = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        HttpServer exporter = exporter(series);
        Path dir = Files.createTempDirectory("prometheus-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("prometheus.yml"), """
                global: {scrape_interval: 1s}
                scrape_configs:
                  - job_name: bench
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(exporter.getAddress().getPort()));
        Process prometheus = new ProcessBuilder(System.getenv().getOrDefault("PROMETHEUS", "prometheus"),
                "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port;
            await(base, "count(rate(bench_requests_total[1m]) > 0) == " + series);
            Alerting alerting = alerting(base);
            alerting.rules().apply("bench", document(rules, series), "bench");
            System.out.printf("prometheus rules: %d rules over %d series, Prometheus %s on loopback, at most 8 queries at once%n",
                    rules, series, version(base));
            for (int c = 1; c <= cycles; c++) {
                cycle(alerting, c, rules);
                Thread.sleep(1000);
            }
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor();
            }
            exporter.stop(0);
        }
    }

    /** A loopback exporter of {@code series} counters and one histogram, all growing at every scrape. */
    private static HttpServer exporter(int series) throws java.io.IOException {
        AtomicLong scrapes = new AtomicLong();
        HttpServer exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        exporter.createContext("/metrics", ex -> {
            long n = scrapes.incrementAndGet() * 10;
            StringBuilder b = new StringBuilder("# TYPE bench_requests_total counter\n");
            for (int i = 0; i < series; i++) {
                b.append("bench_requests_total{i=\"").append(i).append("\"} ").append(n + i).append('\n');
            }
            b.append("# TYPE bench_seconds histogram\n").append("bench_seconds_bucket{le=\"0.1\"} 0\n")
                    .append("bench_seconds_bucket{le=\"1\"} ").append(n).append('\n')
                    .append("bench_seconds_bucket{le=\"+Inf\"} ").append(n).append('\n')
                    .append("bench_seconds_sum ").append(n).append("\nbench_seconds_count ").append(n).append('\n');
            byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        exporter.start();
        return exporter;
    }

    /** The alerting system on core's in-memory fakes, asking the Prometheus at {@code base}. */
    private static Alerting alerting(String base) {
        return Alerting.create(new Alerting.Ports(new InMemoryRuleStore(), new InMemoryAlertStore(),
                        new InMemoryLease(), new InMemoryMetrics(), new InMemoryRoutingConfigStore(), new InMemorySilenceStore(),
                        new InMemoryNotificationLog(), new InMemoryEndpointStats(), new InMemorySecretValues(),
                        (from, to, subject, text, html) -> "id", new InMemoryHeartbeats()),
                Alerting.Options.defaults(Clock.systemUTC(), null).withDiscoveryTtl(Duration.ZERO)
                        .withPrometheus(new PrometheusHttpApi(() -> URI.create(base))));
    }

    /** One forced cycle, timed, and its line. */
    private static void cycle(Alerting alerting, int c, int rules) {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        CycleReport r = alerting.evaluator().run(true, start.plus(Duration.ofSeconds(25)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("cycle %d: %d ms, %d Prometheus queries, %d firing, %d errors, %.2f ms per rule%s%n", c, ms,
                r.prometheusQueries(), r.firing(), r.errors().size(), (double) ms / rules,
                r.errors().isEmpty() ? "" : " (first: " + r.errors().getFirst() + ")");
    }

    private static Map<String, Object> document(int rules, int series) {
        List<Object> list = new ArrayList<>();
        for (int k = 0; k < rules; k++) {
            String expr = switch (k % 4) {
                case 0 -> "rate(bench_requests_total{i=\"" + (k % series) + "\"}[1m]) > 0";
                case 1 -> "histogram_quantile(0.99, sum by (le) (rate(bench_seconds_bucket[1m]))) > 0.5";
                case 2 -> "up{job=\"bench\"} == 0";
                default -> "sum(rate(bench_requests_total[1m])) > 0";
            };
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("alert", "Bench" + k);
            rule.put("expr", expr);
            rule.put("annotations", Map.of("quants_infra_source", "prometheus"));
            list.add(rule);
        }
        return Map.of("groups", List.of(Map.of("name", "bench", "rules", list)));
    }

    private static String version(String base) throws Exception {
        String body = get(base + "/api/v1/status/buildinfo");
        int i = body.indexOf("\"version\":\"");
        return i < 0 ? "?" : body.substring(i + 11, body.indexOf('"', i + 11));
    }

    private static void await(String base, String expr) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (get(base + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).contains("\"value\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Prometheus gave nothing for " + expr + " within 60 s");
    }

    private static String get(String url) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
