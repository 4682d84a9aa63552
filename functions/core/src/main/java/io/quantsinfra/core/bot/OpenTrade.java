package io.quantsinfra.core.bot;

import java.util.Objects;

/**
 * One open trade as Freqtrade's {@code GET /api/v1/status} reports it. Numbers are kept as the bot wrote them.
 *
 * {@snippet :
 * new OpenTrade("7", "BTC/USDT", "0.012", "2025-03-01 10:00:00", "1.25%").line();
 * // #7 BTC/USDT amount 0.012 opened 2025-03-01 10:00:00 profit 1.25%
 * }
 *
 * @param id Freqtrade's {@code trade_id}
 * @param profit {@code profit_pct} with a percent sign, or {@code ?} when the bot did not say
 */
public record OpenTrade(String id, String pair, String amount, String openDate, String profit) {
    public OpenTrade {
        Objects.requireNonNull(id, "id");
        pair = pair == null ? "?" : pair;
        amount = amount == null ? "?" : amount;
        openDate = openDate == null ? "?" : openDate;
        profit = profit == null ? "?" : profit;
    }

    /** The trade on one line, for messages and the history. */
    public String line() {
        return "#" + id + " " + pair + " amount " + amount + " opened " + openDate + " profit " + profit;
    }
}
