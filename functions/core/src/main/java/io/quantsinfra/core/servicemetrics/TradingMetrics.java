package io.quantsinfra.core.servicemetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Freqtrade bot's trading metrics, computed from its REST API's answers (shapes of Freqtrade's
 * {@code api_schemas.py}: {@code Profit}, {@code Count}, {@code ShowConfig}, {@code TradeResponse}). Pure: the
 * answers and {@code now} in, one value per metric out; a metric whose input is missing is left out, never guessed.
 *
 * {@snippet :
 * Map<String, Double> v = TradingMetrics.compute(new TradingMetrics.Answers(profit, count, config, trades), now);
 * // {freqtrade_profit_closed_abs=12.5, freqtrade_max_drawdown_ratio=0.08, ...}
 * }
 */
public final class TradingMetrics {
    /** Closed trades read to count the losing streak: the streak is known up to this many. */
    public static final int RECENT_TRADES = 50;

    public static final String PROFIT_CLOSED_ABS = "freqtrade_profit_closed_abs";
    public static final String PROFIT_CLOSED_RATIO = "freqtrade_profit_closed_ratio";
    public static final String MAX_DRAWDOWN_RATIO = "freqtrade_max_drawdown_ratio";
    public static final String MAX_DRAWDOWN_ABS = "freqtrade_max_drawdown_abs";
    public static final String WINNING_TRADES = "freqtrade_winning_trades";
    public static final String LOSING_TRADES = "freqtrade_losing_trades";
    public static final String WIN_RATE = "freqtrade_win_rate_ratio";
    public static final String TRADES = "freqtrade_trades";
    public static final String CLOSED_TRADES = "freqtrade_closed_trades";
    public static final String OPEN_TRADES = "freqtrade_open_trades";
    public static final String CONSECUTIVE_LOSSES = "freqtrade_consecutive_losses";
    public static final String LAST_TRADE_AGE = "freqtrade_last_trade_age_seconds";
    public static final String BOT_RUNNING = "freqtrade_bot_running";

    /** Every name {@link #compute} may return, in the order of docs/alerting.md's table. */
    public static final List<String> NAMES = List.of(PROFIT_CLOSED_ABS, PROFIT_CLOSED_RATIO, MAX_DRAWDOWN_RATIO,
            MAX_DRAWDOWN_ABS, WINNING_TRADES, LOSING_TRADES, WIN_RATE, TRADES, CLOSED_TRADES, OPEN_TRADES,
            CONSECUTIVE_LOSSES, LAST_TRADE_AGE, BOT_RUNNING);

    /**
     * The parsed answers of {@code /api/v1/profit}, {@code /api/v1/count}, {@code /api/v1/show_config} and
     * {@code /api/v1/trades}; any may be {@code null} when its call failed.
     */
    public record Answers(Map<String, Object> profit, Map<String, Object> count, Map<String, Object> config,
                          Map<String, Object> trades) {}

    private TradingMetrics() {
    }

    /** The metrics the answers allow, at {@code now}. */
    public static Map<String, Double> compute(Answers a, Instant now) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (a.profit() != null) {
            profit(a.profit(), now, out);
        }
        if (a.count() != null) {
            number(a.count(), "current").ifPresent(v -> out.put(OPEN_TRADES, v));
        }
        if (a.config() != null && a.config().get("state") instanceof String state) {
            out.put(BOT_RUNNING, state.equalsIgnoreCase("running") ? 1.0 : 0.0);
        }
        if (a.trades() != null && a.trades().get("trades") instanceof List<?> trades) {
            consecutiveLosses(trades).ifPresent(n -> out.put(CONSECUTIVE_LOSSES, (double) n));
        }
        return out;
    }

    private static void profit(Map<String, Object> p, Instant now, Map<String, Double> out) {
        number(p, "profit_closed_coin").ifPresent(v -> out.put(PROFIT_CLOSED_ABS, v));
        number(p, "profit_closed_ratio").ifPresent(v -> out.put(PROFIT_CLOSED_RATIO, v));
        number(p, "max_drawdown").ifPresent(v -> out.put(MAX_DRAWDOWN_RATIO, v));
        number(p, "max_drawdown_abs").ifPresent(v -> out.put(MAX_DRAWDOWN_ABS, v));
        Optional<Double> wins = number(p, "winning_trades");
        Optional<Double> losses = number(p, "losing_trades");
        wins.ifPresent(v -> out.put(WINNING_TRADES, v));
        losses.ifPresent(v -> out.put(LOSING_TRADES, v));
        if (wins.isPresent() && losses.isPresent() && wins.get() + losses.get() > 0) {
            // Draws count for neither side: a win rate over decided trades, as seed 004 means it.
            out.put(WIN_RATE, wins.get() / (wins.get() + losses.get()));
        }
        number(p, "trade_count").ifPresent(v -> out.put(TRADES, v));
        number(p, "closed_trade_count").ifPresent(v -> out.put(CLOSED_TRADES, v));
        // latest_trade_timestamp is the newest trade's open time in ms; 0 while the bot has never traded, and then
        // the age counts from the bot's start, so "no trade for long" holds for a bot that never trades at all.
        Optional<Double> latest = number(p, "latest_trade_timestamp").filter(v -> v > 0)
                .or(() -> number(p, "bot_start_timestamp").filter(v -> v > 0));
        latest.ifPresent(ms -> out.put(LAST_TRADE_AGE, Math.max(0, (now.toEpochMilli() - ms) / 1000.0)));
    }

    /** The {@code offset} that makes {@code /api/v1/trades?limit=50} (oldest first by id) return the newest 50. */
    public static int tradesOffset(Map<String, Object> profit) {
        int closed = profit == null ? 0 : number(profit, "closed_trade_count").map(Double::intValue).orElse(0);
        return Math.max(0, closed - RECENT_TRADES);
    }

    /** Losing closed trades in a row, newest first; a win or a draw ends the streak; at most {@link #RECENT_TRADES}. */
    static Optional<Integer> consecutiveLosses(List<?> trades) {
        List<Map<?, ?>> closed = new ArrayList<>();
        for (Object t : trades) {
            if (t instanceof Map<?, ?> m && !Boolean.TRUE.equals(m.get("is_open"))) {
                closed.add(m);
            }
        }
        closed.sort(Comparator.comparingDouble((Map<?, ?> m) -> m.get("close_timestamp") instanceof Double d ? d : 0).reversed());
        int streak = 0;
        for (Map<?, ?> t : closed.subList(0, Math.min(closed.size(), RECENT_TRADES))) {
            Object profit = t.get("close_profit_abs") != null ? t.get("close_profit_abs")
                    : t.get("profit_abs") != null ? t.get("profit_abs") : t.get("profit_ratio");
            if (!(profit instanceof Double d)) {
                return streak == 0 ? Optional.empty() : Optional.of(streak);
            }
            if (d >= 0) {
                break;
            }
            streak++;
        }
        return Optional.of(streak);
    }

    private static Optional<Double> number(Map<String, Object> m, String key) {
        return m.get(key) instanceof Double d && Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    }
}
