package io.quantsinfra.core.servicemetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.UpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trading metrics from recorded Freqtrade answers ({@code src/test/resources/freqtrade/}, shapes of api_schemas.py). */
class TradingMetricsTest {
    /** Four hours after the drawdown fixture's latest trade (2024-01-01T09:00:00Z). */
    private static final Instant NOW = Instant.parse("2024-01-01T13:00:00Z");

    @SuppressWarnings("unchecked")
    static Map<String, Object> fixture(String name) {
        try (InputStream in = TradingMetricsTest.class.getResourceAsStream("/freqtrade/" + name)) {
            return (Map<String, Object>) BoundedJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void compute_readsEveryMetric_fromABotInDrawdown() {
        Map<String, Double> v = TradingMetrics.compute(new TradingMetrics.Answers(fixture("profit-drawdown.json"),
                fixture("count.json"), fixture("show-config.json"), fixture("trades-four-losses.json")), NOW);

        assertEquals(-152.3125, v.get("freqtrade_profit_closed_abs"));
        assertEquals(-0.1523125, v.get("freqtrade_profit_closed_ratio"));
        assertEquals(0.2875, v.get("freqtrade_max_drawdown_ratio"));
        assertEquals(301.5, v.get("freqtrade_max_drawdown_abs"));
        assertEquals(21.0, v.get("freqtrade_winning_trades"));
        assertEquals(35.0, v.get("freqtrade_losing_trades"));
        assertEquals(0.375, v.get("freqtrade_win_rate_ratio"), "21 / (21 + 35): draws count for neither side");
        assertEquals(62.0, v.get("freqtrade_trades"));
        assertEquals(60.0, v.get("freqtrade_closed_trades"));
        assertEquals(2.0, v.get("freqtrade_open_trades"));
        assertEquals(4.0, v.get("freqtrade_consecutive_losses"));
        assertEquals(4 * 3600.0, v.get("freqtrade_last_trade_age_seconds"));
        assertEquals(1.0, v.get("freqtrade_bot_running"));
        assertEquals(TradingMetrics.NAMES.size(), v.size());
        assertTrue(TradingMetrics.NAMES.containsAll(v.keySet()));
    }

    @Test
    void compute_forABotThatNeverTraded_countsTheAgeFromItsStart_andHasNoWinRate() {
        Map<String, Double> v = TradingMetrics.compute(new TradingMetrics.Answers(fixture("profit-fresh.json"), null,
                Map.of("state", "stopped"), Map.of("trades", List.of())), NOW);

        assertEquals(3 * 3600.0, v.get("freqtrade_last_trade_age_seconds"), "bot_start_timestamp is 10:00");
        assertFalse(v.containsKey("freqtrade_win_rate_ratio"));
        assertFalse(v.containsKey("freqtrade_open_trades"), "no /count answer, no open-trades value");
        assertEquals(0.0, v.get("freqtrade_consecutive_losses"));
        assertEquals(0.0, v.get("freqtrade_bot_running"));
    }

    @Test
    void tradesOffset_asksForTheNewestFifty() {
        assertEquals(10, TradingMetrics.tradesOffset(fixture("profit-drawdown.json")));
        assertEquals(0, TradingMetrics.tradesOffset(fixture("profit-fresh.json")));
        assertEquals(0, TradingMetrics.tradesOffset(null));
    }

    @Test
    void consecutiveLosses_isCappedAtTheTradesRead() {
        List<Object> trades = new java.util.ArrayList<>();
        for (int i = 0; i < 80; i++) {
            trades.add(Map.of("is_open", false, "close_timestamp", (double) i, "close_profit_abs", -1.0));
        }
        assertEquals(TradingMetrics.RECENT_TRADES, TradingMetrics.consecutiveLosses(trades).orElseThrow());
    }

    @Test
    void boundedJson_refusesDeepNesting_andTrailingText_withoutEchoingTheBody() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        UpstreamException e = assertThrows(UpstreamException.class, () -> BoundedJson.parse(deep, "/api/v1/profit"));
        assertEquals("/api/v1/profit answer is not the JSON expected: at character 33 it nests deeper than 32", e.getMessage());
        UpstreamException t = assertThrows(UpstreamException.class, () -> BoundedJson.parse("{} secret-ish", "/api/v1/count"));
        assertFalse(t.getMessage().contains("secret-ish"), t.getMessage());
    }
}
