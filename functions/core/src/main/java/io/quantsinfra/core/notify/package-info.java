/**
 * Notifications: the group notification ({@link io.quantsinfra.core.notify.Notification}, Alertmanager's data
 * model, rendered into each integration's message templates) and one {@link io.quantsinfra.core.notify.Notifier}
 * per integration in its own subpackage (webhook, slack, telegram, pagerduty, email). A notifier says whether a
 * failure is worth retrying; error messages never carry a URL or a credential.
 */
package io.quantsinfra.core.notify;
