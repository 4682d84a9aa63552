/** Receivers on 127.0.0.1 that stand in for notification endpoints (webhooks, Telegram, Slack, PagerDuty) in tests. */
package io.quantsinfra.testing.receiver;
