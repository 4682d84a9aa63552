/**
 * Alertmanager-shaped routing: the config ({@code route} tree with matchers, {@code continue}, {@code group_by},
 * {@code group_wait}/{@code group_interval}/{@code repeat_interval}; {@code receivers}; {@code inhibit_rules}),
 * validated as it is parsed ({@link io.quantsinfra.core.routing.RoutingConfigs}); matcher syntax
 * ({@link io.quantsinfra.core.routing.Matchers}); which routes an alert takes; inhibition; the stored config.
 * Credentials are secret references and print as {@code <secret>}.
 */
package io.quantsinfra.core.routing;
