/** Slack incoming webhooks: one attachment with the rendered title, text and colour. */
package io.quantsinfra.core.notify.slack;
