package io.quantsinfra.core.bot;

import java.util.List;

/**
 * What happened when quants-infra stopped one bot, for the deployment history.
 *
 * {@snippet :
 * new BotStop("freqtrade-1", true, "answered", List.of(trade), "left 1 open trade (--force)").line();
 * }
 *
 * @param stopEntry {@code answered}, or {@code not answered: <reason>}
 * @param openTrades the open trades the bot reported before it stopped (empty also when it could not be asked)
 * @param outcome how it ended, e.g. {@code no open trades}, {@code exited 2 trades (--force-exit)}
 */
public record BotStop(String instance, boolean live, String stopEntry, List<OpenTrade> openTrades, String outcome) {
    public BotStop {
        openTrades = List.copyOf(openTrades);
    }

    /** The stop on one line. */
    public String line() {
        String trades = openTrades.isEmpty() ? "no open trades"
                : openTrades.size() + " open trade(s): " + String.join("; ", openTrades.stream().map(OpenTrade::line).toList());
        return instance + " (" + (live ? "live" : "dry-run") + "): stopentry " + stopEntry + "; " + trades + "; " + outcome;
    }
}
