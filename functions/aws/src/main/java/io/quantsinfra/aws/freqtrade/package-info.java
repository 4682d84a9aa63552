/**
 * The Freqtrade bot's REST API as the {@link io.quantsinfra.core.bot.BotApi} port ({@code java.net.http}, the
 * SDK's own JSON reader), and where a bot answers ({@link io.quantsinfra.aws.freqtrade.EcsBotLocator}).
 */
package io.quantsinfra.aws.freqtrade;
