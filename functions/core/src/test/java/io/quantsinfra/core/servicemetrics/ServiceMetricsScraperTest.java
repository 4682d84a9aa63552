package io.quantsinfra.core.servicemetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthEndpoint.Reading;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scraper against loopback servers shaped like a collector's page and Freqtrade's REST API. */
class ServiceMetricsScraperTest {
    private static final String LOGIN = "Basic Ym90OmNhbmFyeS1wYXNzd29yZA==";
    private static final Instant NOW = Instant.parse("2024-01-01T13:00:00Z");
    private static final ServiceCatalog CATALOG = ServiceCatalog.standard();
    private static HttpServer server;
    private static ExecutorService executor;
    private static final ConcurrentLinkedQueue<String> paths = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/metrics", ex -> respond(ex, 200, "collector_snapshots_written_total{pair=\"BTC-USDT\"} 7\n"));
        server.createContext("/huge/metrics", ex -> respond(ex, 200, "m 1\n".repeat(600_000)));
        server.createContext("/slow/metrics", ex -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, "m 1\n");
        });
        server.createContext("/api/v1/", ex -> {
            paths.add(ex.getRequestURI().toString());
            if (!LOGIN.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                respond(ex, 401, "{\"detail\":\"Unauthorized\"}");
                return;
            }
            String name = switch (ex.getRequestURI().getPath()) {
                case "/api/v1/profit" -> "profit-drawdown.json";
                case "/api/v1/count" -> "count.json";
                case "/api/v1/show_config" -> "show-config.json";
                case "/api/v1/trades" -> "trades-four-losses.json";
                default -> null;
            };
            if (name == null) {
                respond(ex, 404, "{}");
                return;
            }
            try (InputStream in = ServiceMetricsScraperTest.class.getResourceAsStream("/freqtrade/" + name)) {
                respond(ex, 200, new String(in.readAllBytes()));
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes();
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private static ServiceMetrics.Target collector(String path) {
        return new ServiceMetrics.Target(InstanceId.parse("data-collector-1"), CATALOG.get("data-collector"),
                List.of(new HealthEndpoint("collector", server.getAddress().getPort(), path, Reading.PROMETHEUS_METRICS)), "127.0.0.1");
    }

    private static ServiceMetrics.Target bot() {
        return new ServiceMetrics.Target(InstanceId.parse("freqtrade-1"), CATALOG.get("freqtrade"),
                List.of(new HealthEndpoint("freqtrade", server.getAddress().getPort(), "/api/v1/health", Reading.FREQTRADE_LAST_PROCESS)),
                "127.0.0.1");
    }

    private static ServiceMetricsScraper scraper(String login) {
        return scraper(login, Duration.ofSeconds(5));
    }

    private static ServiceMetricsScraper scraper(String login, Duration timeout) {
        return ServiceMetricsScraper.builder().timeout(timeout)
                .headers((i, e) -> login == null ? Map.of() : Map.of("Authorization", login)).build();
    }

    @Test
    void collector_publishesTheAllowlistedCounter() {
        ServiceMetrics.Scraped s = scraper(null).scrape(collector("/metrics"), NOW);

        assertEquals(Map.of("collector_snapshots_written_total", 7.0), s.values());
        assertEquals(List.of(), s.problems());
    }

    @Test
    void collector_pageOverTheBodyLimit_isRefusedWhole() {
        ServiceMetrics.Scraped s = scraper(null).scrape(collector("/huge/metrics"), NOW);

        assertEquals(Map.of(), s.values());
        assertEquals(List.of("/huge/metrics answered more than 1048576 bytes"), s.problems());
    }

    @Test
    void collector_slowPage_costsOneTimeout() {
        ServiceMetrics.Scraped s = scraper(null, Duration.ofMillis(500)).scrape(collector("/slow/metrics"), NOW);

        assertEquals(Map.of(), s.values());
        assertTrue(s.problems().getFirst().startsWith("/slow/metrics gave no answer within 500 ms"), s.problems()::toString);
    }

    @Test
    void freqtrade_readsFourEndpoints_withTheLogin_andTheNewestTrades() {
        paths.clear();
        ServiceMetrics.Scraped s = scraper(LOGIN).scrape(bot(), NOW);

        assertEquals(List.of(), s.problems());
        assertEquals(0.2875, s.values().get("freqtrade_max_drawdown_ratio"));
        assertEquals(4.0, s.values().get("freqtrade_consecutive_losses"));
        assertEquals(TradingMetrics.NAMES.size(), s.values().size());
        assertEquals(4, paths.size(), paths::toString);
        assertTrue(paths.contains("/api/v1/trades?limit=50&offset=10"), paths::toString);
    }

    @Test
    void freqtrade_wrongLogin_reportsTheStatus_neverTheCredential() {
        ServiceMetrics.Scraped s = scraper("Basic d3Jvbmc6Y2FuYXJ5").scrape(bot(), NOW);

        assertEquals(Map.of(), s.values());
        assertEquals(List.of("/api/v1/profit answered HTTP 401", "/api/v1/count answered HTTP 401",
                "/api/v1/show_config answered HTTP 401", "/api/v1/trades answered HTTP 401"), s.problems());
        assertFalse(s.toString().contains("d3Jvbmc6Y2FuYXJ5") || s.toString().contains("canary"), s::toString);
    }

    @Test
    void monitor_isNotRead() {
        ServiceMetrics.Target t = new ServiceMetrics.Target(InstanceId.parse("monitor-1"), CATALOG.get("monitor"), List.of(), "127.0.0.1");

        assertEquals(ServiceMetrics.Scraped.NOTHING, scraper(null).scrape(t, NOW));
    }
}
