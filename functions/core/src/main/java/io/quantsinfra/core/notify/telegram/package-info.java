/** Telegram Bot API {@code sendMessage} at a configurable base URL. */
package io.quantsinfra.core.notify.telegram;
