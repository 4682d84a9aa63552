/**
 * Trade-safe stops of Freqtrade bots: the {@link io.quantsinfra.core.bot.BotApi} port (the bot's REST API:
 * {@code stopentry}, {@code status}, {@code forceexit}), where a bot answers ({@link io.quantsinfra.core.bot.BotLocator}),
 * and the {@link io.quantsinfra.core.bot.TradeGuard} that the lifecycle asks, under the service lock, before it
 * stops, restarts, replaces or removes a bot — and what it found, for the deployment history
 * ({@link io.quantsinfra.core.bot.BotStop}).
 */
package io.quantsinfra.core.bot;
