package io.quantsinfra.core.bot;

import java.util.List;

/**
 * Port: a Freqtrade bot's REST API ({@code /api/v1}). Every call throws
 * {@link io.quantsinfra.core.error.UpstreamException} when the bot cannot be reached or refuses; its message
 * names the call and never a credential.
 *
 * {@snippet :
 * api.stopEntry(address);                        // POST /api/v1/stopentry (older bots: /stopbuy)
 * List<OpenTrade> open = api.openTrades(address); // GET /api/v1/status
 * api.forceExit(address, open.get(0).id());       // POST /api/v1/forceexit {"tradeid": "7"}
 * }
 */
public interface BotApi {

    /** Asks the bot to open no new trades (it keeps managing the open ones). */
    void stopEntry(BotAddress bot);

    /** The bot's open trades. */
    List<OpenTrade> openTrades(BotAddress bot);

    /** Asks the bot to exit one trade at market. */
    void forceExit(BotAddress bot, String tradeId);
}
