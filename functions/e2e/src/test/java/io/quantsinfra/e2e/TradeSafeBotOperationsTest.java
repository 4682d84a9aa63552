package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.aws.freqtrade.EcsBotLocator;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Trade-safe operations in local mode: a loopback Freqtrade-shaped API stands for every bot's task
 * ({@code QUANTS_INFRA_BOT_API_HOST}); restarts ask {@code stopentry} first, a live bot with open trades is not
 * destroyed unless told how, and the task keeps its database on per-instance EFS storage.
 */
@ExtendWith(AwsEmulatorExtension.class)
class TradeSafeBotOperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private FakeFreqtrade bot;
    private LocalModeFixture local;
    @TempDir
    Path dir;

    @BeforeEach
    void start(AwsEmulator aws) throws IOException {
        bot = new FakeFreqtrade();
        local = new LocalModeFixture(aws, Map.of(EcsBotLocator.BOT_API_HOST, "127.0.0.1"));
    }

    @AfterEach
    void stop() {
        local.close();
        bot.close();
    }

    @Test
    void restart_ofALiveBot_callsStopEntryFirst() throws IOException {
        deployLive();
        bot.trades.add(trade(1, "BTC/USDT"));

        var run = local.cli("manage", "--service", "freqtrade-1", "--action", "restart");

        assertEquals(0, run.exit(), run::toString);
        assertEquals("POST /api/v1/stopentry", bot.calls.stream().filter(c -> c.startsWith("POST")).findFirst().orElse(""),
                bot.calls::toString);
        assertTrue(bot.authorized, "the bot's API login was sent");
        var history = local.cli("history", "--service", "freqtrade");
        assertTrue(history.out().contains("freqtrade-1 (live): stopentry answered; open trades: #1 BTC/USDT"), history::toString);
    }

    @Test
    void secretRotation_tellsALiveBotToStopEntries_beforeItsRestart_andTheHistorySaysSo() throws IOException {
        deployLive();
        bot.trades.add(trade(1, "BTC/USDT"));
        Path value = dir.resolve("rotated.json");
        Files.writeString(value, "{\"apiKey\": \"k2\", \"apiSecret\": \"s2\"}");

        var run = local.cli("secrets", "rotate", "binance", "--value-file", value.toString());

        assertEquals(0, run.exit(), run::toString);
        assertTrue(bot.calls.contains("POST /api/v1/stopentry"), "the bot was told to stop new entries: " + bot.calls);
        var history = local.cli("history", "--service", "freqtrade");
        assertTrue(history.out().contains("freqtrade-1 (live): stopentry answered; open trades: #1 BTC/USDT"), history::toString);
    }

    @Test
    void destroy_ofALiveBotWithTwoOpenTrades_isRefusedAndNamesThem() throws IOException {
        deployLive();
        bot.trades.add(trade(1, "BTC/USDT"));
        bot.trades.add(trade(2, "ETH/USDT"));
        String before = local.emulatorState();

        var run = local.cli("destroy", "--service", "freqtrade", "--force");

        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("#1 BTC/USDT") && run.err().contains("#2 ETH/USDT"), run::toString);
        assertTrue(run.err().contains("--force-exit"), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
        assertFalse(bot.calls.contains("POST /api/v1/stopentry"), "a refusal changes nothing, not even on the bot");
    }

    @Test
    void destroy_withForceExit_exitsEachTradeThenRemovesTheBot() throws IOException {
        deployLive();
        bot.trades.add(trade(1, "BTC/USDT"));
        bot.trades.add(trade(2, "ETH/USDT"));

        var run = local.cli("destroy", "--service", "freqtrade", "--force", "--force-exit");

        assertEquals(0, run.exit(), run::toString);
        assertEquals(List.of("{\"tradeid\":\"1\"}", "{\"tradeid\":\"2\"}"), bot.forceExits, bot.calls::toString);
        assertTrue(run.out().contains("removed service         freqtrade-1"), run::toString);
        var history = local.cli("history", "--service", "freqtrade");
        assertTrue(history.out().contains("exited 2 trade(s) (--force-exit)"), history::toString);
    }

    @Test
    void destroy_ofADryRunBot_asksNothing() throws IOException {
        deploy("dry.yaml", "dry_run: true", true);
        bot.trades.add(trade(1, "BTC/USDT"));
        bot.down = true;

        var run = local.cli("destroy", "--service", "freqtrade", "--force");

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("removed service         freqtrade-1"), run::toString);
    }

    @Test
    void destroy_withLeaveOpenTrades_removesTheBot_andTheHistorySaysWhatWasLeft() throws IOException {
        deployLive();
        bot.trades.add(trade(1, "BTC/USDT"));

        var run = local.cli("destroy", "--service", "freqtrade", "--force", "--leave-open-trades");

        assertEquals(0, run.exit(), run::toString);
        assertTrue(bot.forceExits.isEmpty(), bot.calls::toString);
        var history = local.cli("history", "--service", "freqtrade");
        assertTrue(history.out().contains("left 1 open trade(s) on the exchange"), history::toString);
    }

    @Test
    void stop_ofALiveBotWhoseApiIsDown_needsForce() throws IOException {
        deployLive();
        bot.down = true;

        var refused = local.cli("manage", "--service", "freqtrade-1", "--action", "stop");
        var forced = local.cli("manage", "--service", "freqtrade-1", "--action", "stop", "--force");

        assertEquals(2, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("cannot be reached") && refused.err().contains("--force"), refused::toString);
        assertEquals(0, forced.exit(), forced::toString);
    }

    @Test
    void taskDefinition_mountsPerInstanceTradeState_andTheDatabasePathSurvivesARedeploy() throws IOException {
        deployLive();
        TaskDefinition first = taskDefinition();
        deploy("live2.yaml", "dry_run: false\nmax_open_trades: 2", false);
        TaskDefinition second = taskDefinition();

        assertTrue(second.revision() > first.revision(), "the redeploy changed the task");
        for (TaskDefinition td : List.of(first, second)) {
            ContainerDefinition c = td.containerDefinitions().getFirst();
            assertEquals("/freqtrade-1", td.volumes().getFirst().efsVolumeConfiguration().rootDirectory());
            assertEquals("/freqtrade/user_data/trade-state", c.mountPoints().getFirst().containerPath());
            assertEquals(120, c.stopTimeout());
            assertEquals("sqlite:////freqtrade/user_data/trade-state/tradesv3.sqlite", dbUrl(c));
        }
        assertTrue(bot.calls.contains("POST /api/v1/stopentry"), "the replaced bot was asked to stop new entries");
    }

    private TaskDefinition taskDefinition() {
        try (EcsClient ecs = local.clients.ecs()) {
            String arn = ecs.describeServices(r -> r.cluster("quants-infra").services("freqtrade-1")).services()
                    .getFirst().taskDefinition();
            return ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition();
        }
    }

    private static String dbUrl(ContainerDefinition c) throws IOException {
        String json = c.environment().stream().filter(e -> e.name().equals("QUANTS_INFRA_CONFIG_JSON")).findFirst()
                .orElseThrow().value();
        return JSON.readTree(json).path("db_url").asText();
    }

    private void deployLive() throws IOException {
        deploy("live.yaml", "dry_run: false", true);
    }

    private void deploy(String file, String extra, boolean first) throws IOException {
        if (first) {
            try (var sm = local.clients.secretsManager()) {
                sm.createSecret(r -> r.name("quants-infra/binance").secretString("{\"apiKey\":\"k\",\"apiSecret\":\"s\"}"));
            }
        }
        Path config = dir.resolve(file);
        Files.writeString(config, """
                strategy: SampleStrategy
                stake_amount: 100
                %s
                api_server:
                  listen_port: %d
                exchange:
                  name: binance
                  key: {secretRef: binance, jsonKey: apiKey}
                  secret: {secretRef: binance, jsonKey: apiSecret}
                  pair_whitelist: [BTC/USDT, ETH/USDT]
                """.formatted(extra, bot.port()));
        var run = local.cli("deploy", "--service", "freqtrade", "--config", config.toString());
        assertEquals(0, run.exit(), run::toString);
    }

    private static Map<String, Object> trade(int id, String pair) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("trade_id", id);
        t.put("pair", pair);
        t.put("amount", 0.5);
        t.put("open_date", "2025-03-01 10:00:00");
        t.put("profit_pct", 1.25);
        return t;
    }

    /** Freqtrade's REST API as far as quants-infra uses it, on loopback; forceexit closes the trade. */
    static final class FakeFreqtrade implements AutoCloseable {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final List<String> forceExits = Collections.synchronizedList(new ArrayList<>());
        final List<Map<String, Object>> trades = Collections.synchronizedList(new ArrayList<>());
        volatile boolean down;
        volatile boolean authorized;
        private final HttpServer server;

        FakeFreqtrade() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/", exchange -> {
                String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                authorized |= auth != null && auth.startsWith("Basic ");
                calls.add(call);
                int status = 200;
                String answer = "{}";
                if (down) {
                    status = 503;
                } else if (call.equals("GET /api/v1/status")) {
                    answer = JSON.writeValueAsString(trades);
                } else if (call.equals("POST /api/v1/forceexit")) {
                    forceExits.add(body);
                    String id = JSON.readTree(body).path("tradeid").asText();
                    trades.removeIf(t -> String.valueOf(t.get("trade_id")).equals(id));
                    answer = "{\"result\":\"Created exit order for trade " + id + ".\"}";
                } else if (call.equals("POST /api/v1/stopentry")) {
                    answer = "{\"status\":\"No more entries will occur from now. Run /reload_config to reset.\"}";
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

}
