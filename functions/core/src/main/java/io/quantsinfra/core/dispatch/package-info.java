/**
 * From alerts to notifications, as Alertmanager's dispatcher does it but without timers: every evaluation
 * cycle routes the alerts, drops silenced and inhibited ones, groups them per route and {@code group_by}, and
 * decides per group whether a notification is due ({@code group_wait}, {@code group_interval},
 * {@code repeat_interval}). The {@link io.quantsinfra.core.dispatch.NotificationLog} makes each due
 * notification go out exactly once: it is claimed under (group, sequence number) with a conditional write
 * before it is sent, so concurrent or retried runs cannot both send it. A notification the cycle's deadline left
 * unsettled is deferred with the endpoints that already have it, and the next cycle takes it over.
 */
package io.quantsinfra.core.dispatch;
