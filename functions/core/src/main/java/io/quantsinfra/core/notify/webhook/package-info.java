/** Alertmanager's webhook: the group as JSON, {@code "version": "4"}, POSTed to a URL. */
package io.quantsinfra.core.notify.webhook;
