package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.aws.FunctionCallLog;
import io.quantsinfra.scheduled.AlertEvaluationHandler;
import io.quantsinfra.scheduled.HealthProbeHandler;
import io.quantsinfra.scheduled.ScheduledWiring;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import io.quantsinfra.testing.receiver.LoopbackReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * The services' own metrics, end to end in local mode: the scheduled probe scrapes a collector-shaped exporter and
 * a Freqtrade-shaped API on loopback (the emulator runs no task, so the probe is pointed at them through
 * {@code TaskAddresses}), publishes to CloudWatch, and the shipped packs fire as shipped: the default pack's
 * CollectorNotCollecting once the counter stops growing, the trading pack's FreqtradeDrawdownHigh for a bot in a
 * 35 % drawdown. A stepped clock lets the rules' ranges and {@code for} pass.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceMetricsAlertingTest {
    private LocalModeFixture local;
    private HttpServer services;
    private final LoopbackReceiver hook = new LoopbackReceiver();
    private final AtomicLong snapshots = new AtomicLong(100);
    private final AtomicReference<Instant> time = new AtomicReference<>();
    private final List<String> logins = java.util.Collections.synchronizedList(new ArrayList<>());
    @TempDir
    Path dir;

    /** A clock the test steps; every component reads it. */
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return time.get();
        }
    };

    @BeforeAll
    void start(AwsEmulator aws) throws IOException {
        local = new LocalModeFixture(aws);
        services = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        services.createContext("/metrics", ex -> respond(ex, """
                # HELP collector_snapshots_written_total Order book snapshots written.
                # TYPE collector_snapshots_written_total counter
                collector_snapshots_written_total{pair="BTC-USDT"} %d
                collector_errors_total{pair="BTC-USDT"} 0
                """.formatted(snapshots.get())));
        services.createContext("/api/v1/", this::freqtrade);
        services.start();
    }

    @AfterAll
    void stop() {
        services.stop(0);
        hook.close();
        local.close();
    }

    private void freqtrade(HttpExchange ex) throws IOException {
        logins.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        long nowMs = time.get().toEpochMilli();
        String body = switch (ex.getRequestURI().getPath()) {
            case "/api/v1/health" -> "{\"last_process\":null,\"last_process_ts\":" + (nowMs / 1000 - 5) + "}";
            case "/api/v1/profit" -> """
                    {"profit_closed_coin":-301.5,"profit_closed_ratio":-0.3,"trade_count":42,"closed_trade_count":40,
                     "latest_trade_timestamp":%d,"winning_trades":12,"losing_trades":28,"winrate":0.3,
                     "max_drawdown":0.35,"max_drawdown_abs":350.0,"bot_start_timestamp":1700000000000}""".formatted(nowMs - 600_000);
            case "/api/v1/count" -> "{\"current\":1,\"max\":3,\"total_stake\":100.0}";
            case "/api/v1/show_config" -> "{\"state\":\"running\",\"bot_name\":\"freqtrade-1\"}";
            case "/api/v1/trades" -> "{\"trades\":[],\"trades_count\":0,\"offset\":0,\"total_trades\":40}";
            default -> "{}";
        };
        respond(ex, body);
    }

    private static void respond(HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes();
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private static Path repo(String relative) {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("docs/rules"))) {
            root = root.getParent();
        }
        return root.resolve(relative);
    }

    @Test
    @SuppressWarnings("unchecked")
    void stalledCollector_andDrawdown_fireTheShippedRules_fromProbedMetrics() throws IOException {
        int port = services.getAddress().getPort();
        assertEquals(0, local.cli("deploy", "--service", "data-collector", "--host", "us-east-1a", "--config",
                file("collector.json", "{\"pairs\": [\"BTC-USDT\"], \"metrics_port\": " + port + "}").toString()).exit());
        var bot = local.cli("deploy", "--service", "freqtrade", "--host", "us-east-1b", "--config", file("bot.yaml", """
                strategy: LumosCrypto_v1
                stake_currency: USDT
                stake_amount: 100
                api_server: {listen_port: %d}
                exchange: {name: binance, pair_whitelist: [BTC/USDT]}
                """.formatted(port)).toString());
        assertEquals(0, bot.exit(), bot::toString);
        for (String pack : List.of("docs/rules/default-rules.yml", "docs/rules/trading-rules.yml")) {
            var applied = local.cli("alerts", "rules", "apply", "-f", repo(pack).toString());
            assertEquals(0, applied.exit(), applied::toString);
        }
        var routing = local.cli("alerts", "config", "apply", "-f", file("am.yml", """
                route: {receiver: hook, group_by: [alertname, instance], group_wait: 0s, group_interval: 1s}
                receivers:
                  - name: hook
                    webhook_configs: [{url: '%s'}]
                """.formatted(hook.url("/hook"))).toString());
        assertEquals(0, routing.exit(), routing::toString);

        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(40));
        List<Map<String, Object>> probes = new ArrayList<>();
        FunctionCallLog probeCalls = FunctionCallLog.scoped("health-probe");
        try (ScheduledWiring wiring = new ScheduledWiring(local.local.settings(), clock, List.of(probeCalls),
                (instance, tasks) -> Optional.of("127.0.0.1"))) {
            for (int m = 0; m <= 22; m++) {
                time.set(start.plus(Duration.ofMinutes(m)).plusSeconds(5));
                if (m < 3) {
                    snapshots.addAndGet(10);   // collects for three minutes, then stops
                }
                probes.add(probeCalls.during(() -> new HealthProbeHandler(wiring).handleRequest(Map.of(), null)));
                new AlertEvaluationHandler(wiring).handleRequest(Map.of(), null);
            }
        }

        List<Map<String, Object>> scraped = (List<Map<String, Object>>) probes.getLast().get("service_metrics");
        assertEquals(2, scraped.size(), probes.getLast()::toString);
        assertTrue(scraped.stream().allMatch(s -> ((List<?>) s.get("problems")).isEmpty()), scraped::toString);
        List<String> bodies = hook.requests().stream().map(LoopbackReceiver.Request::body).toList();
        assertTrue(bodies.stream().anyMatch(b -> b.contains("\"alertname\":\"CollectorNotCollecting\"") && b.contains("data-collector-1")
                && b.contains("wrote no snapshot")), bodies::toString);
        assertTrue(bodies.stream().anyMatch(b -> b.contains("\"alertname\":\"FreqtradeDrawdownHigh\"") && b.contains("freqtrade-1")),
                bodies::toString);
        assertFalse(bodies.stream().anyMatch(b -> b.contains("FreqtradeNotProcessing")), "the bot reports running");
        assertTrue(logins.stream().allMatch(l -> l.startsWith("Basic ")), "every API call carries the bot's login");
        String password = local.clients.secretsManager().getSecretValue(r -> r.secretId(local.local.settings().secretPrefix()
                + "freqtrade/freqtrade-1/api-password")).secretString();
        assertFalse(probes.toString().contains(password) || bodies.toString().contains(password), "the password never leaks");
        try (CloudWatchClient cw = local.clients.cloudWatch()) {
            List<String> names = cw.listMetrics(r -> r.namespace("QuantsInfra")).metrics().stream().map(m -> m.metricName())
                    .distinct().toList();
            assertTrue(names.containsAll(List.of("collector_snapshots_written_total", "collector_errors_total",
                    "freqtrade_max_drawdown_ratio", "freqtrade_open_trades", "freqtrade_bot_running")), names::toString);
        }
    }
}
